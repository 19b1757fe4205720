// `npx tsx scripts/render-icons.ts`: renders public/icon.svg's shape (blue rounded square, white ring, white bar:
// a coin on a ledger line) into the PNGs browsers and home screens ask for. No image library: a tiny rasteriser
// with 4×4 supersampling and zlib. Re-run after changing the shape; the outputs are committed.
import fs from "node:fs";
import path from "node:path";
import zlib from "node:zlib";

const BLUE = [0x1d, 0x4e, 0xd8];
const WHITE = [0xff, 0xff, 0xff];

/** Colour at (x, y) in the 64×64 design space, or null for transparent. */
function shade(x: number, y: number): number[] | null {
  const inRounded = (x0: number, y0: number, w: number, h: number, r: number) => {
    const cx = Math.min(Math.max(x, x0 + r), x0 + w - r), cy = Math.min(Math.max(y, y0 + r), y0 + h - r);
    return (x - cx) ** 2 + (y - cy) ** 2 <= r * r && x >= x0 && x <= x0 + w && y >= y0 && y <= y0 + h;
  };
  if (!inRounded(2, 2, 60, 60, 14)) return null;
  const d = Math.hypot(x - 32, y - 32);
  if (Math.abs(d - 17) <= 3 || inRounded(12, 29, 40, 6, 3)) return WHITE;
  return BLUE;
}

const crcTable = Array.from({ length: 256 }, (_, n) => { let c = n; for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1; return c >>> 0; });
const crc32 = (b: Buffer) => { let c = 0xffffffff; for (const x of b) c = crcTable[(c ^ x) & 0xff]! ^ (c >>> 8); return (c ^ 0xffffffff) >>> 0; };
function chunk(type: string, data: Buffer): Buffer {
  const len = Buffer.alloc(4); len.writeUInt32BE(data.length);
  const td = Buffer.concat([Buffer.from(type), data]);
  const crc = Buffer.alloc(4); crc.writeUInt32BE(crc32(td));
  return Buffer.concat([len, td, crc]);
}

export function renderPng(size: number): Buffer {
  const S = 4;
  const rows: Buffer[] = [];
  for (let py = 0; py < size; py++) {
    const row = Buffer.alloc(1 + size * 4);
    for (let px = 0; px < size; px++) {
      let r = 0, g = 0, b = 0, a = 0;
      for (let sy = 0; sy < S; sy++) for (let sx = 0; sx < S; sx++) {
        const c = shade(((px + (sx + 0.5) / S) / size) * 64, ((py + (sy + 0.5) / S) / size) * 64);
        if (c) { r += c[0]!; g += c[1]!; b += c[2]!; a += 1; }
      }
      const o = 1 + px * 4;
      if (a) { row[o] = Math.round(r / a); row[o + 1] = Math.round(g / a); row[o + 2] = Math.round(b / a); row[o + 3] = Math.round((a / (S * S)) * 255); }
    }
    rows.push(row);
  }
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(size, 0); ihdr.writeUInt32BE(size, 4); ihdr[8] = 8; ihdr[9] = 6;
  return Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), chunk("IHDR", ihdr), chunk("IDAT", zlib.deflateSync(Buffer.concat(rows))), chunk("IEND", Buffer.alloc(0))]);
}

/** favicon.ico holding one 32×32 PNG (the ICO format allows PNG entries). */
function ico(png: Buffer, size: number): Buffer {
  const h = Buffer.alloc(22);
  h.writeUInt16LE(0, 0); h.writeUInt16LE(1, 2); h.writeUInt16LE(1, 4);
  h[6] = size; h[7] = size; h.writeUInt16LE(1, 10); h.writeUInt16LE(32, 12); h.writeUInt32LE(png.length, 14); h.writeUInt32LE(22, 18);
  return Buffer.concat([h, png]);
}

if (process.argv[1]?.endsWith("render-icons.ts")) {
  const out = path.resolve(import.meta.dirname, "../public");
  fs.mkdirSync(out, { recursive: true });
  for (const [name, size] of [["icon-192.png", 192], ["icon-512.png", 512], ["apple-touch-icon.png", 180]] as const) fs.writeFileSync(path.join(out, name), renderPng(size));
  fs.writeFileSync(path.join(out, "favicon.ico"), ico(renderPng(32), 32));
  console.log(`icons written to ${out}`);
}
