/**
 * Reads a JSON request body within limits, instead of restify's body parser, which counts the limit in
 * compressed bytes (a 200 KB gzip body could expand to 200 MB) and lets a gzip stream error escape as an
 * uncaught exception (the process exits). Here:
 *  - `Content-Encoding` identity, gzip, deflate or br; anything else is 415;
 *  - the limit counts decompressed bytes, and 413 comes as soon as it is crossed (nothing more is read);
 *  - a broken compressed stream, bytes that are not UTF-8 and JSON that is not JSON are 400;
 *  - JSON nested deeper than `maxDepth` is 400 before it is parsed (deep nesting overflows the stack of
 *    anything recursive that later walks it);
 *  - a body that takes longer than `timeoutMs` to arrive is 408.
 * Every failure is an HttpError; the caller's one error path turns it into the JSON error shape.
 */
import type { IncomingMessage } from 'node:http';
import type { Readable } from 'node:stream';
import { createBrotliDecompress, createGunzip, createInflate } from 'node:zlib';
import { HttpError, badRequest } from './http-errors';

export interface BodyLimits {
  /** Largest body, in bytes after decompression. */
  maxBytes: number;
  /** Longest wait for the whole body to arrive. */
  timeoutMs: number;
  /** Deepest nesting of arrays and objects accepted (default 64). */
  maxDepth?: number;
}

export const defaultMaxDepth = 64;

export const payloadTooLarge = (maxBytes: number) =>
  new HttpError(413, 'PayloadTooLarge', `The request body is larger than ${maxBytes} bytes (counted after decompression).`);
const unsupportedMediaType = (message: string) => new HttpError(415, 'UnsupportedMediaType', message);
const requestTimeout = () => new HttpError(408, 'RequestTimeout', 'The request body took too long to arrive.');

const decoders = new Map<string, () => NodeJS.ReadWriteStream>([
  ['gzip', createGunzip],
  ['x-gzip', createGunzip],
  ['deflate', createInflate],
  ['br', createBrotliDecompress],
]);

/** Checks the media type and encoding headers; returns the decoder to use, if any. */
function decoderFor(req: IncomingMessage): (() => NodeJS.ReadWriteStream) | undefined {
  const type = req.headers['content-type'];
  if (type !== undefined && !/^\s*application\/(?:[\w.+-]*\+)?json\s*(?:;|$)/i.test(type)) {
    throw unsupportedMediaType('Send JSON (Content-Type: application/json).');
  }
  const charset = /;\s*charset\s*=\s*"?([^";\s]+)/i.exec(type ?? '')?.[1];
  if (charset && !/^utf-?8$/i.test(charset)) throw unsupportedMediaType('Send JSON in UTF-8.');
  const encodings = (req.headers['content-encoding'] ?? '')
    .split(',')
    .map((e) => e.trim().toLowerCase())
    .filter((e) => e && e !== 'identity');
  if (encodings.length === 0) return undefined;
  const [only] = encodings;
  const decoder = only !== undefined && encodings.length === 1 ? decoders.get(only) : undefined;
  if (!decoder) throw unsupportedMediaType('Content-Encoding must be gzip, deflate, br or identity (one of them).');
  return decoder;
}

/** Reads the raw body bytes (decompressed), enforcing the byte limit and the timeout. */
function readBytes(req: IncomingMessage, limits: BodyLimits): Promise<Buffer> {
  const makeDecoder = decoderFor(req);
  const declared = Number(req.headers['content-length']);
  if (Number.isFinite(declared) && declared > limits.maxBytes && !makeDecoder) return Promise.reject(payloadTooLarge(limits.maxBytes));

  return new Promise<Buffer>((resolve, reject) => {
    const decoder = makeDecoder?.();
    const source: Readable = decoder ? (req.pipe(decoder) as unknown as Readable) : req;
    const chunks: Buffer[] = [];
    let decoded = 0;
    let received = 0;
    let settled = false;
    const finish = (err: Error | undefined, body?: Buffer) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      req.off('data', countRaw);
      if (err) {
        // Stop reading: what is left is discarded, and the connection closes once the answer is sent.
        if (decoder) {
          req.unpipe(decoder as unknown as NodeJS.WritableStream);
          decoder.removeAllListeners('data');
          decoder.on('error', () => undefined);
          (decoder as unknown as Readable).destroy();
        }
        source.removeAllListeners('data');
        req.resume();
        reject(err);
      } else resolve(body ?? Buffer.alloc(0));
    };
    // The compressed bytes are bounded too: a body is never more than the limit on the wire.
    const countRaw = (chunk: Buffer) => {
      received += chunk.length;
      if (received > limits.maxBytes) finish(payloadTooLarge(limits.maxBytes));
    };
    const timer = setTimeout(() => finish(requestTimeout()), limits.timeoutMs);
    if (decoder) req.on('data', countRaw);
    source.on('data', (chunk: Buffer) => {
      if (settled) return;
      decoded += chunk.length;
      if (decoded > limits.maxBytes) return finish(payloadTooLarge(limits.maxBytes));
      chunks.push(chunk);
    });
    source.on('end', () => finish(undefined, Buffer.concat(chunks)));
    decoder?.on('error', () => finish(badRequest('The request body could not be decompressed: it is not valid for its Content-Encoding.')));
    req.on('error', () => finish(badRequest('The request body could not be read.')));
    req.on('aborted', () => finish(badRequest('The request was aborted before its body arrived.')));
  });
}

/**
 * How deeply the JSON text nests, counted without parsing it. Strings are skipped (brackets inside them
 * do not count); stops early once `limit` is passed.
 */
export function jsonDepthExceeds(text: string, limit: number): boolean {
  let depth = 0;
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (inString) {
      if (c === 0x5c)
        i++; // backslash: skip the escaped character
      else if (c === 0x22) inString = false;
    } else if (c === 0x22) inString = true;
    else if (c === 0x5b || c === 0x7b) {
      if (++depth > limit) return true;
    } else if (c === 0x5d || c === 0x7d) depth--;
  }
  return false;
}

const utf8 = new TextDecoder('utf-8', { fatal: true, ignoreBOM: false });

/**
 * Reads and parses a JSON body. An empty body is `undefined`; the caller decides whether that is
 * allowed.
 */
export async function readJsonBody(req: IncomingMessage, limits: BodyLimits): Promise<unknown> {
  const bytes = await readBytes(req, limits);
  if (bytes.length === 0) return undefined;
  let text: string;
  try {
    text = utf8.decode(bytes);
  } catch {
    throw badRequest('The request body is not valid UTF-8.');
  }
  if (!text.trim()) return undefined;
  const maxDepth = limits.maxDepth ?? defaultMaxDepth;
  if (jsonDepthExceeds(text, maxDepth)) throw badRequest(`The request body nests arrays and objects more than ${maxDepth} deep.`);
  try {
    return JSON.parse(text) as unknown;
  } catch {
    throw badRequest('The request body is not valid JSON.');
  }
}
