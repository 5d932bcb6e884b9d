import { ESLint } from 'eslint';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { STORE_FEATURE_EXCEPTIONS } from '../../../scripts/lint/store-feature-exceptions.mjs';

// Proves the process boundaries are enforced by lint (not by memory): each forbidden import
// below must produce a no-restricted-imports error in its folder, each allowed one none.
// The probes are virtual files outside the TypeScript project: lint them without type
// information (the boundary rules need none; the type-aware rules are switched off for them).
const eslint = new ESLint({
  cwd: join(__dirname, '../../..'),
  overrideConfig: [
    {
      files: ['**/*.{ts,tsx,mts}'],
      languageOptions: { parserOptions: { projectService: false, project: null } },
      rules: { '@typescript-eslint/no-floating-promises': 'off', '@typescript-eslint/no-misused-promises': 'off' },
    },
  ],
});

async function restrictedErrors(filePath: string, code: string): Promise<number> {
  const [result] = await eslint.lintText(code, { filePath });
  return result!.messages.filter((m) => m.ruleId === 'no-restricted-imports').length;
}

describe('lint enforces process boundaries', () => {
  it.each([
    ['src-renderer/features/x.tsx', "import { ipcRenderer } from 'electron';"],
    ['src-renderer/features/x.tsx', "import { readFile } from 'node:fs';"],
    ['src-renderer/features/x.tsx', "import { join } from 'path';"],
    ['src-renderer/features/x.tsx', "import { request } from 'undici';"],
    ['src-renderer/features/x.tsx', "import { createOutbox } from '../../src-main/services/outbox/outbox';"],
    ['src-main/services/outbox/x.ts', "import { app } from 'electron';"],
    ['src-main/services/outbox/x.ts', "import { useState } from 'react';"],
    ['src-main/services/outbox/x.ts', "import { App } from '../../../src-renderer/app/App';"],
    ['src-main/ipc/dispatcher2.ts', "import { ipcMain } from 'electron';"],
    ['src-shared/domain/x.ts', "import { createHash } from 'node:crypto';"],
    ['src-shared/domain/x.ts', "import { createHash } from 'crypto';"],
    ['src-shared/domain/x.ts', "import { shell } from 'electron';"],
    ['src-shared/domain/x.ts', "import { useState } from 'react';"],
    ['src-shared/domain/x.ts', "import { createServices } from '../../src-main/services/create-services';"],
    ['src-shared/domain/x.ts', "import superjson from 'superjson';"],
    ['emulator/x.ts', "import { IPC_CONTRACT } from '../src-shared/ipc/contract';"],
    ['src-preload/preload.ts', "import { readFile } from 'node:fs';"],
    ['src-preload/preload.ts', "import { join } from 'path';"],
    ['src-preload/preload.ts', "import { request } from 'undici';"],
    ['src-preload/preload.ts', "import { z } from 'zod';"],
    ['src-preload/preload.ts', "import { RENDERER_CSP } from '../src-main/security';"],
    ['src-preload/preload.ts', "import { App } from '../src-renderer/app/App';"],
    ['src-main/index.ts', "import { useState } from 'react';"],
    ['src-main/security.ts', "import { create } from 'zustand';"],
    ['src-main/app-menu.ts', "import { App } from '../src-renderer/app/App';"],
    ['src-main/index.ts', "import '../src-preload/preload';"],
    ['src-renderer/stores/x-store.ts', "import { DEFAULT_QUERY } from '../features/sources/table-model';"],
    ['src-renderer/stores/x-store.ts', "import { OutboxSection } from '../features/outbox/OutboxSection';"],
    ['src-renderer/stores/x-store.ts', "import { ipcRenderer } from 'electron';"],
  ])('%s: %s is an error', async (file, code) => {
    expect(await restrictedErrors(file, `${code}\nexport const used = 1;\n`)).toBeGreaterThan(0);
  });

  it.each([
    ['src-renderer/features/x.tsx', "import { z } from 'zod';"],
    ['src-main/services/outbox/x.ts', "import { readFile } from 'node:fs/promises';"],
    ['src-main/ipc/register.ts', "import { ipcMain } from 'electron';"],
    ['src-main/index.ts', "import { app } from 'electron';"],
    ['src-main/index.ts', "import { join } from 'node:path';"],
    ['src-main/security.ts', "import { IPC_PREFIX } from '../src-shared/ipc/build-api';"],
    ['src-preload/preload.ts', "import { contextBridge } from 'electron';"],
    ['src-preload/preload.ts', "import { buildLwApi } from '../src-shared/ipc/build-api';"],
    ['src-shared/domain/x.ts', "import { z } from 'zod';"],
    ['src-shared/domain/x.ts', "import { Cron } from 'croner';"],
    ['src-shared/domain/x.ts', "import { cadenceToCron } from './cadence';"],
    ['src-renderer/stores/x-store.ts', "import { lw } from '../api/lw';"],
    ['src-renderer/features/sources/x.tsx', "import { useSourcesStore } from '../../stores/sources-store';"],
  ])('%s: %s is allowed', async (file, code) => {
    expect(await restrictedErrors(file, `${code}\nexport const used = 1;\n`)).toBe(0);
  });
});

// Stores never import features (issue 21). The exceptions are named in scripts/lint/store-feature-exceptions.mjs and
// may only shrink: each must still need its exception, and no new one may be added.
describe('store → feature exceptions only shrink', () => {
  const MAX_EXCEPTIONS = 1;

  it.each(Object.keys(STORE_FEATURE_EXCEPTIONS))('%s still imports a feature (else remove it)', (file) => {
    const text = readFileSync(join(__dirname, '../../..', file), 'utf8');
    expect(text).toMatch(/from '\.\.\/features\//);
  });

  it(`names at most ${MAX_EXCEPTIONS} store (lower this number when one is fixed)`, () => {
    expect(Object.keys(STORE_FEATURE_EXCEPTIONS).length).toBeLessThanOrEqual(MAX_EXCEPTIONS);
  });
});
