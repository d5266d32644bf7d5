/**
 * Draws the two Teams app icons and writes them to appPackage/: a 192×192 colour icon (white speech
 * bubble on the accent colour) and a 32×32 outline icon (white only, transparent background, as
 * Teams requires). Run with `npx tsx scripts/make-icons.ts`; the PNGs are committed, so this only
 * needs re-running when the design changes.
 */
import fs from 'node:fs';
import path from 'node:path';
import { encodePng, type RgbaImage } from './png';

/** Keep in step with `accentColor` in appPackage/manifest.json. */
export const ACCENT = { r: 0x00, g: 0x5e, b: 0x3c };

type Shape = (x: number, y: number) => boolean;

const roundRect =
  (x0: number, y0: number, x1: number, y1: number, r: number): Shape =>
  (x, y) => {
    if (x < x0 || x > x1 || y < y0 || y > y1) return false;
    const cx = Math.min(Math.max(x, x0 + r), x1 - r);
    const cy = Math.min(Math.max(y, y0 + r), y1 - r);
    return (x - cx) ** 2 + (y - cy) ** 2 <= r * r;
  };

const circle =
  (cx: number, cy: number, r: number): Shape =>
  (x, y) =>
    (x - cx) ** 2 + (y - cy) ** 2 <= r * r;

const triangle =
  (ax: number, ay: number, bx: number, by: number, cx: number, cy: number): Shape =>
  (x, y) => {
    const side = (px: number, py: number, qx: number, qy: number) => (qx - px) * (y - py) - (qy - py) * (x - px);
    const d1 = side(ax, ay, bx, by);
    const d2 = side(bx, by, cx, cy);
    const d3 = side(cx, cy, ax, ay);
    return !((d1 < 0 || d2 < 0 || d3 < 0) && (d1 > 0 || d2 > 0 || d3 > 0));
  };

const union =
  (...shapes: Shape[]): Shape =>
  (x, y) =>
    shapes.some((s) => s(x, y));
const minus =
  (a: Shape, b: Shape): Shape =>
  (x, y) =>
    a(x, y) && !b(x, y);

/** The speech bubble in unit coordinates, grown by `grow` (negative shrinks it, to cut the outline). */
function bubble(grow = 0): Shape {
  return union(
    roundRect(0.14 - grow, 0.2 - grow, 0.86 + grow, 0.68 + grow, 0.13 + grow),
    triangle(0.28 - grow, 0.6, 0.48 + grow, 0.6, 0.24 - grow * 1.6, 0.86 + grow * 1.6),
  );
}

const dots = (r: number): Shape => union(circle(0.32, 0.44, r), circle(0.5, 0.44, r), circle(0.68, 0.44, r));

/** Fraction of a pixel covered by a shape, from 5×5 samples, for smooth edges. */
function coverage(shape: Shape, px: number, py: number, size: number): number {
  const n = 5;
  let hits = 0;
  for (let i = 0; i < n; i++) {
    for (let j = 0; j < n; j++) {
      if (shape((px + (i + 0.5) / n) / size, (py + (j + 0.5) / n) / size)) hits++;
    }
  }
  return hits / (n * n);
}

/** 192×192: white bubble with three accent-coloured dots, on a solid accent square. */
export function drawColorIcon(size = 192): RgbaImage {
  const glyph = minus(bubble(), dots(0.055));
  const data = new Uint8Array(size * size * 4);
  for (let y = 0; y < size; y++) {
    for (let x = 0; x < size; x++) {
      const a = coverage(glyph, x, y, size);
      const i = (y * size + x) * 4;
      data[i] = Math.round(ACCENT.r + (255 - ACCENT.r) * a);
      data[i + 1] = Math.round(ACCENT.g + (255 - ACCENT.g) * a);
      data[i + 2] = Math.round(ACCENT.b + (255 - ACCENT.b) * a);
      data[i + 3] = 255;
    }
  }
  return { width: size, height: size, data };
}

/** 32×32: the bubble's white outline and dots; every pixel is white, only alpha varies. */
export function drawOutlineIcon(size = 32): RgbaImage {
  const stroke = 2 / size;
  const glyph = union(minus(bubble(), bubble(-stroke)), dots(0.07));
  const data = new Uint8Array(size * size * 4);
  for (let y = 0; y < size; y++) {
    for (let x = 0; x < size; x++) {
      const i = (y * size + x) * 4;
      data.fill(255, i, i + 3);
      data[i + 3] = Math.round(255 * coverage(glyph, x, y, size));
    }
  }
  return { width: size, height: size, data };
}

if (require.main === module) {
  const dir = path.resolve(__dirname, '..', 'appPackage');
  fs.writeFileSync(path.join(dir, 'color.png'), encodePng(drawColorIcon()));
  fs.writeFileSync(path.join(dir, 'outline.png'), encodePng(drawOutlineIcon()));
  console.log(`wrote ${path.join(dir, 'color.png')} and outline.png`);
}
