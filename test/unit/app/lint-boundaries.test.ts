import { ESLint } from 'eslint';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

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
    ['src-renderer/features/sources/x.tsx', "import { useSubscription } from '../../app/use-subscription';"],
    ['src-renderer/features/sources/x.tsx', "import { App } from '../../app/App';"],
    ['src-renderer/features/sources/x.tsx', "import { readFile } from 'node:fs';"],
    ['src-renderer/stores/x-store.ts', "import { App } from '../app/App';"],
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
    ['src-renderer/features/sources/x.tsx', "import { useSubscription } from '../../stores/use-subscription';"],
    ['src-renderer/app/App.tsx', "import { SourcesView } from '../features/sources/SourcesView';"],
  ])('%s: %s is allowed', async (file, code) => {
    expect(await restrictedErrors(file, `${code}\nexport const used = 1;\n`)).toBe(0);
  });
});

// Stores never import features (issue 21), with no exceptions: the lint rule covers every store
// file, and no store file imports from features/ today.
describe('stores never import features', () => {
  const storesDir = join(__dirname, '../../..', 'src-renderer/stores');

  it.each(readdirSync(storesDir).filter((f) => /\.tsx?$/.test(f)))('%s imports no feature', (file) => {
    expect(readFileSync(join(storesDir, file), 'utf8')).not.toMatch(/from '\.\.\/features\//);
  });

  it('the lint rule skips no store file', async () => {
    const code = "import { DEFAULT_QUERY } from '../features/sources/table-model';\nexport const used = 1;\n";
    expect(await restrictedErrors('src-renderer/stores/sources-store.ts', code)).toBeGreaterThan(0);
  });
});
