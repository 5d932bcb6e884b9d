import { existsSync, readFileSync } from 'node:fs';
import { builtinModules } from 'node:module';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

const ROOT = join(__dirname, '../../..');
const MAIN = join(ROOT, 'out/main/index.js');

// The built main process loads its remaining packages with require(): each must be a runtime
// dependency, and CommonJS-loadable (an ESM-only package such as superjson is bundled instead).
describe('built main bundle', () => {
  it('requires only electron, Node built-ins and CommonJS runtime dependencies', () => {
    if (!existsSync(MAIN))
      throw new Error('out/main/index.js is missing: `npm run build` runs before the unit tests in `npm test`.');
    const required = [...new Set([...readFileSync(MAIN, 'utf8').matchAll(/require\("([^"]+)"\)/g)].map((m) => m[1]!))];
    const pkg = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as {
      dependencies: Record<string, string>;
    };
    const builtins = new Set(builtinModules);
    for (const id of required) {
      if (id === 'electron' || id.startsWith('node:') || builtins.has(id)) continue;
      expect(Object.keys(pkg.dependencies), `${id} must be a runtime dependency`).toContain(id);
      const manifest = JSON.parse(readFileSync(join(ROOT, 'node_modules', id, 'package.json'), 'utf8')) as {
        type?: string;
        exports?: unknown;
      };
      expect(
        loadableWithRequire(manifest),
        `${id} is ESM-only: bundle it (electron.vite.config.ts externalizeDeps.exclude)`,
      ).toBe(true);
    }
    expect(required).not.toContain('superjson');
  });
});

/** CommonJS package, or an ESM package whose root export offers a `require` condition. */
function loadableWithRequire(manifest: { type?: string; exports?: unknown }): boolean {
  if (manifest.type !== 'module') return true;
  const root =
    typeof manifest.exports === 'object' && manifest.exports !== null
      ? (manifest.exports as Record<string, unknown>)['.']
      : undefined;
  return typeof root === 'object' && root !== null && 'require' in root;
}
