import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import config from '../../../electron-builder.config';
import { decodeIcns, decodeIco, encodeIcns, encodeIco, pngSize } from '../../../scripts/packaging/icon-containers';

const BUILD = join(__dirname, '../../../build');
const png = (size: number) => readFileSync(join(BUILD, 'icons', `${size}x${size}.png`));

// The committed icons (generated from build/icon.svg by scripts/make-icons.ts) are what the
// installers use: each file must hold the sizes its platform asks for.
describe('installer icons', () => {
  it('has a PNG of each Linux size, truly that size', () => {
    for (const size of [16, 24, 32, 48, 64, 128, 256, 512, 1024])
      expect(pngSize(png(size))).toEqual({ width: size, height: size });
    expect(pngSize(readFileSync(join(BUILD, 'icon.png')))).toEqual({ width: 1024, height: 1024 });
  });

  it('has a Windows .ico with 16..256 px PNG entries', () => {
    const entries = decodeIco(readFileSync(join(BUILD, 'icon.ico')));
    expect(entries.map((e) => e.size)).toEqual([16, 24, 32, 48, 64, 128, 256]);
    for (const { size, png: data } of entries) expect(pngSize(data)).toEqual({ width: size, height: size });
  });

  it('has a macOS .icns up to 1024 px', () => {
    const elements = decodeIcns(readFileSync(join(BUILD, 'icon.icns')));
    expect(elements.map((e) => e.type)).toEqual([
      'icp4',
      'icp5',
      'ic11',
      'icp6',
      'ic12',
      'ic07',
      'ic08',
      'ic13',
      'ic09',
      'ic14',
      'ic10',
    ]);
    expect(pngSize(elements.find((e) => e.type === 'ic10')!.png).width).toBe(1024);
  });

  it('the builder config points at these files', () => {
    expect(config.linux?.icon).toBe('build/icons');
    expect(config.mac?.icon).toBe('build/icon.icns');
    expect(config.win?.icon).toBe('build/icon.ico');
  });

  it('the encoders refuse a mislabelled image, a non-PNG, and an ICO entry over 256 px', () => {
    expect(() => encodeIco([{ size: 32, png: png(16) }])).toThrow('image labelled 32 px is 16x16');
    expect(() => encodeIcns([{ size: 16, png: Buffer.from('not a png') }])).toThrow('not a PNG');
    expect(() => encodeIco([{ size: 512, png: png(512) }])).toThrow('at most 256 px');
  });
});
