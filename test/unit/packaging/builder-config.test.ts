import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import config from '../../../electron-builder.config';

const pkg = JSON.parse(readFileSync(join(__dirname, '../../../package.json'), 'utf8')) as Record<string, unknown>;

// What only a real installer build would show (it cannot run here): the per-OS targets, the
// metadata fpm insists on for the deb, and the production fuses as configured.
describe('electron-builder configuration', () => {
  it('builds AppImage + deb, dmg and nsis for the console', () => {
    expect(config.appId).toBe('ai.langwatch.ingestion-console');
    expect(config.productName).toBe('LangWatch Ingestion Console');
    expect(config.linux?.target).toEqual(['AppImage', 'deb']);
    expect(config.mac?.target).toEqual(['dmg']);
    expect(config.win?.target).toEqual(['nsis']);
  });

  it('has what the deb target refuses to build without (homepage; a maintainer instead of an author email)', () => {
    expect(pkg.homepage).toMatch(/^https:\/\//);
    expect(config.linux?.maintainer).toBeTruthy();
  });

  it('sets the production fuses and never publishes by itself', () => {
    expect(config.electronFuses).toMatchObject({
      runAsNode: false,
      enableCookieEncryption: true,
      enableNodeOptionsEnvironmentVariable: false,
      enableNodeCliInspectArguments: false,
      enableEmbeddedAsarIntegrityValidation: true,
      onlyLoadAppFromAsar: true,
    });
    expect(config.publish).toBeNull();
    expect(config.npmRebuild).toBe(false);
  });
});
