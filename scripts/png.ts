/**
 * Just enough PNG to write the app icons and to check them: 8-bit RGBA (colour type 6), no
 * interlacing. Pure Node (zlib), so packaging needs no native image library.
 */
import zlib from 'node:zlib';

/** Decoded image: `data` holds width × height × 4 bytes, RGBA, rows top to bottom. */
export interface RgbaImage {
  width: number;
  height: number;
  data: Uint8Array;
}

export interface PngHeader {
  width: number;
  height: number;
  bitDepth: number;
  colorType: number;
  interlace: number;
}

const SIGNATURE = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);

function chunk(type: string, body: Buffer): Buffer {
  const typeAndBody = Buffer.concat([Buffer.from(type, 'latin1'), body]);
  const length = Buffer.alloc(4);
  length.writeUInt32BE(body.length);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(zlib.crc32(typeAndBody) >>> 0);
  return Buffer.concat([length, typeAndBody, crc]);
}

/** Encodes RGBA pixels as a PNG file (filter 0 on every row; icons are tiny). */
export function encodePng(image: RgbaImage): Buffer {
  const { width, height, data } = image;
  if (data.length !== width * height * 4) throw new Error(`expected ${width * height * 4} bytes of RGBA, got ${data.length}`);
  const header = Buffer.alloc(13);
  header.writeUInt32BE(width, 0);
  header.writeUInt32BE(height, 4);
  header[8] = 8; // bit depth
  header[9] = 6; // colour type: truecolour with alpha
  const stride = width * 4;
  const raw = Buffer.alloc((stride + 1) * height);
  for (let y = 0; y < height; y++) {
    raw[y * (stride + 1)] = 0;
    Buffer.from(data.buffer, data.byteOffset + y * stride, stride).copy(raw, y * (stride + 1) + 1);
  }
  return Buffer.concat([SIGNATURE, chunk('IHDR', header), chunk('IDAT', zlib.deflateSync(raw, { level: 9 })), chunk('IEND', Buffer.alloc(0))]);
}

interface Chunk {
  type: string;
  body: Buffer;
}

function readChunks(file: Buffer): Chunk[] {
  if (file.length < 8 || !file.subarray(0, 8).equals(SIGNATURE)) throw new Error('not a PNG file (bad signature)');
  const chunks: Chunk[] = [];
  let at = 8;
  while (at + 12 <= file.length) {
    const length = file.readUInt32BE(at);
    const type = file.toString('latin1', at + 4, at + 8);
    const body = file.subarray(at + 8, at + 8 + length);
    const crc = file.readUInt32BE(at + 8 + length);
    if (zlib.crc32(file.subarray(at + 4, at + 8 + length)) >>> 0 !== crc) throw new Error(`PNG chunk ${type} has a bad CRC`);
    chunks.push({ type, body });
    at += 12 + length;
    if (type === 'IEND') break;
  }
  if (chunks[0]?.type !== 'IHDR') throw new Error('PNG does not start with IHDR');
  return chunks;
}

/** Reads the IHDR fields without decoding pixels. */
export function readPngHeader(file: Buffer): PngHeader {
  const [first] = readChunks(file);
  if (!first) throw new Error('not a PNG: no chunks');
  const ihdr = first.body;
  return {
    width: ihdr.readUInt32BE(0),
    height: ihdr.readUInt32BE(4),
    bitDepth: ihdr.readUInt8(8),
    colorType: ihdr.readUInt8(9),
    interlace: ihdr.readUInt8(12),
  };
}

function paeth(a: number, b: number, c: number): number {
  const p = a + b - c;
  const pa = Math.abs(p - a);
  const pb = Math.abs(p - b);
  const pc = Math.abs(p - c);
  if (pa <= pb && pa <= pc) return a;
  return pb <= pc ? b : c;
}

/**
 * Decodes an 8-bit RGBA, non-interlaced PNG (what Teams icons should be), undoing all five row
 * filters so files re-saved by other tools still read. Other formats are rejected with a reason.
 */
export function decodePng(file: Buffer): RgbaImage {
  const chunks = readChunks(file);
  const header = readPngHeader(file);
  if (header.bitDepth !== 8 || header.colorType !== 6 || header.interlace !== 0) {
    throw new Error(
      `only 8-bit RGBA non-interlaced PNGs are supported (bit depth ${header.bitDepth}, colour type ${header.colorType}, interlace ${header.interlace})`,
    );
  }
  const { width, height } = header;
  const raw = zlib.inflateSync(Buffer.concat(chunks.filter((c) => c.type === 'IDAT').map((c) => c.body)));
  const stride = width * 4;
  if (raw.length !== (stride + 1) * height) throw new Error('PNG image data has the wrong length');
  const out = new Uint8Array(stride * height);
  for (let y = 0; y < height; y++) {
    const filter = raw[y * (stride + 1)];
    const line = raw.subarray(y * (stride + 1) + 1, (y + 1) * (stride + 1));
    const row = y * stride;
    const prev = row - stride;
    for (let x = 0; x < stride; x++) {
      // Indexes stay inside the decoded rows, so `?? 0` only satisfies the type checker.
      const left = x >= 4 ? (out[row + x - 4] ?? 0) : 0;
      const up = y > 0 ? (out[prev + x] ?? 0) : 0;
      const upLeft = y > 0 && x >= 4 ? (out[prev + x - 4] ?? 0) : 0;
      let predictor: number;
      switch (filter) {
        case 0:
          predictor = 0;
          break;
        case 1:
          predictor = left;
          break;
        case 2:
          predictor = up;
          break;
        case 3:
          predictor = (left + up) >> 1;
          break;
        case 4:
          predictor = paeth(left, up, upLeft);
          break;
        default:
          throw new Error(`unknown PNG row filter ${filter}`);
      }
      out[row + x] = ((line[x] ?? 0) + predictor) & 0xff;
    }
  }
  return { width, height, data: out };
}
