// Renders build/icon.svg into every icon the installers need and writes them next to it:
//   build/icons/<n>x<n>.png   Linux (AppImage/deb hicolor sizes)
//   build/icon.png            1024 px, electron-builder's fallback
//   build/icon.ico            Windows (PNG entries 16..256)
//   build/icon.icns           macOS (PNG elements 16..1024)
// Run after editing the SVG: `npx tsx scripts/make-icons.ts`, then commit the outputs. Needs
// rsvg-convert (Debian: apt-get install librsvg2-bin); the tests and `npm run package` only
// read the committed files, so neither needs it.
import { spawnSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { encodeIcns, encodeIco, type PngImage } from './packaging/icon-containers';

const root = join(__dirname, '..');
const buildDir = join(root, 'build');
const svg = join(buildDir, 'icon.svg');

/** Linux hicolor sizes; ICO and ICNS take the subsets they support. */
export const ICON_SIZES = [16, 24, 32, 48, 64, 128, 256, 512, 1024] as const;

function render(size: number): Buffer {
  const result = spawnSync('rsvg-convert', ['-w', String(size), '-h', String(size), svg], {
    maxBuffer: 64 * 1024 * 1024,
  });
  if (result.error || result.status !== 0) {
    const why = result.error ? result.error.message : result.stderr.toString();
    throw new Error(`rsvg-convert failed (${why.trim()}). Install it: apt-get install librsvg2-bin`);
  }
  return result.stdout;
}

function main(): void {
  const images: PngImage[] = ICON_SIZES.map((size) => ({ size, png: render(size) }));
  mkdirSync(join(buildDir, 'icons'), { recursive: true });
  for (const { size, png } of images) writeFileSync(join(buildDir, 'icons', `${size}x${size}.png`), png);
  writeFileSync(join(buildDir, 'icon.png'), images.find((i) => i.size === 1024)!.png);
  writeFileSync(join(buildDir, 'icon.ico'), encodeIco(images.filter((i) => i.size <= 256)));
  writeFileSync(join(buildDir, 'icon.icns'), encodeIcns(images));
  console.log(`[icons] wrote ${images.length} PNG sizes, icon.png, icon.ico and icon.icns into build/`);
}

if (require.main === module) main();
