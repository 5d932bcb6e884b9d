// Windows .ico and macOS .icns containers around PNG images. Both formats accept PNG payloads
// (ICO since Windows Vista, ICNS since macOS 10.7), so a few bytes of header per image are all
// it takes: no ImageMagick, no iconutil, nothing that is missing on a Linux build machine.

/** One rendered square image. */
export interface PngImage {
  size: number;
  png: Buffer;
}

const PNG_SIGNATURE = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);

/** The pixel size a PNG declares in its IHDR chunk (width, height). */
export function pngSize(png: Buffer): { width: number; height: number } {
  if (png.length < 24 || !png.subarray(0, 8).equals(PNG_SIGNATURE) || png.toString('latin1', 12, 16) !== 'IHDR') {
    throw new Error('not a PNG file (no PNG signature / IHDR chunk)');
  }
  return { width: png.readUInt32BE(16), height: png.readUInt32BE(20) };
}

function checked(images: readonly PngImage[]): PngImage[] {
  for (const { size, png } of images) {
    const { width, height } = pngSize(png);
    if (width !== size || height !== size) throw new Error(`image labelled ${size} px is ${width}x${height}`);
  }
  return [...images].sort((a, b) => a.size - b.size);
}

/** A .ico file: ICONDIR, one 16-byte entry per image, then the PNGs (sizes 1..256). */
export function encodeIco(images: readonly PngImage[]): Buffer {
  const sorted = checked(images);
  if (sorted.some((i) => i.size > 256)) throw new Error('ICO images are at most 256 px');
  const header = Buffer.alloc(6);
  header.writeUInt16LE(0, 0); // reserved
  header.writeUInt16LE(1, 2); // type 1 = icon
  header.writeUInt16LE(sorted.length, 4);
  let offset = 6 + 16 * sorted.length;
  const entries = sorted.map(({ size, png }) => {
    const entry = Buffer.alloc(16);
    entry.writeUInt8(size === 256 ? 0 : size, 0); // 0 means 256
    entry.writeUInt8(size === 256 ? 0 : size, 1);
    entry.writeUInt16LE(1, 4); // colour planes
    entry.writeUInt16LE(32, 6); // bits per pixel
    entry.writeUInt32LE(png.length, 8);
    entry.writeUInt32LE(offset, 12);
    offset += png.length;
    return entry;
  });
  return Buffer.concat([header, ...entries, ...sorted.map((i) => i.png)]);
}

/** ICNS element types holding PNG data, by pixel size (the @2x types reuse a larger image). */
export const ICNS_TYPES: ReadonlyArray<{ type: string; size: number }> = [
  { type: 'icp4', size: 16 },
  { type: 'icp5', size: 32 },
  { type: 'ic11', size: 32 },
  { type: 'icp6', size: 64 },
  { type: 'ic12', size: 64 },
  { type: 'ic07', size: 128 },
  { type: 'ic08', size: 256 },
  { type: 'ic13', size: 256 },
  { type: 'ic09', size: 512 },
  { type: 'ic14', size: 512 },
  { type: 'ic10', size: 1024 },
];

/** A .icns file: 'icns' + total length, then (type, length, PNG) for every type whose size is given. */
export function encodeIcns(images: readonly PngImage[]): Buffer {
  const bySize = new Map(checked(images).map((i) => [i.size, i.png]));
  const elements = ICNS_TYPES.flatMap(({ type, size }) => {
    const png = bySize.get(size);
    if (!png) return [];
    const head = Buffer.alloc(8);
    head.write(type, 0, 'latin1');
    head.writeUInt32BE(8 + png.length, 4);
    return [head, png];
  });
  if (elements.length === 0) throw new Error('no image of an ICNS size (16, 32, 64, 128, 256, 512, 1024)');
  const body = Buffer.concat(elements);
  const head = Buffer.alloc(8);
  head.write('icns', 0, 'latin1');
  head.writeUInt32BE(8 + body.length, 4);
  return Buffer.concat([head, body]);
}

/** Reads the images back out of an .ico (used by tests and to check a committed file). */
export function decodeIco(ico: Buffer): PngImage[] {
  if (ico.readUInt16LE(0) !== 0 || ico.readUInt16LE(2) !== 1) throw new Error('not an ICO file');
  const count = ico.readUInt16LE(4);
  return Array.from({ length: count }, (_, n) => {
    const at = 6 + 16 * n;
    const png = ico.subarray(ico.readUInt32LE(at + 12), ico.readUInt32LE(at + 12) + ico.readUInt32LE(at + 8));
    return { size: ico.readUInt8(at) || 256, png };
  });
}

/** Reads the (type, PNG) elements back out of an .icns. */
export function decodeIcns(icns: Buffer): Array<{ type: string; png: Buffer }> {
  if (icns.toString('latin1', 0, 4) !== 'icns' || icns.readUInt32BE(4) !== icns.length)
    throw new Error('not an ICNS file');
  const out: Array<{ type: string; png: Buffer }> = [];
  for (let at = 8; at < icns.length;) {
    const length = icns.readUInt32BE(at + 4);
    out.push({ type: icns.toString('latin1', at, at + 4), png: icns.subarray(at + 8, at + length) });
    at += length;
  }
  return out;
}
