/**
 * Names of archived sources this console has seen, per deployment and organisation
 * (`<userData>/archived-names.json`, no secret: ids and names).
 *
 * Why: LangWatch keeps a unique index on (organisation, name) that includes archived sources,
 * so a create or rename to such a name fails (a 500), yet neither the tRPC list nor the CLI
 * list returns archived sources. The console can only know an archived name it saw: a source
 * it archived, a source that vanished from the list (LangWatch has no delete, so a source
 * leaving the list was archived), or an archived source it opened.
 */
import { join } from 'node:path';
import { z } from 'zod';
import type { Clock } from '../clock';
import type { Logger } from '../logging/logger';
import { createJsonFile } from '../storage/json-file';

/** One archived source as remembered. */
export const ArchivedName = z.object({ id: z.string().min(1), name: z.string().min(1).max(256) });
export type ArchivedName = z.infer<typeof ArchivedName>;

/** Where a name was seen: one organisation of one deployment profile. */
export interface ArchivedScope {
  profileId: string;
  organizationId: string;
}

const File = z.object({ version: z.literal(1), scopes: z.record(z.string(), z.array(ArchivedName)) }).strict();

/** Names kept per organisation (newest first); far above any real fleet of archived sources. */
const MAX_PER_SCOPE = 2000;

/** The memory of archived names (`services.archivedNames`). */
export interface ArchivedNames {
  load(): Promise<void>;
  remember(scope: ArchivedScope, sources: ReadonlyArray<ArchivedName>): Promise<void>;
  list(scope: ArchivedScope): ArchivedName[];
  /** `remember` in the background for callers that go on regardless: a failed write is logged. */
  noteSeen: (scope: ArchivedScope, sources: ReadonlyArray<ArchivedName>) => void;
}

/** Creates the memory for `<userDataDir>/archived-names.json`. */
export function createArchivedNames(options: { userDataDir: string; log: Logger; clock: Clock }): ArchivedNames {
  const file = createJsonFile({
    path: join(options.userDataDir, 'archived-names.json'),
    schema: File,
    defaults: () => ({ version: 1 as const, scopes: {} }),
    onCorrupt: 'reset',
    log: options.log,
    clock: options.clock,
  });
  let scopes: Record<string, ArchivedName[]> = {};
  const keyOf = (scope: ArchivedScope) => `${scope.profileId}|${scope.organizationId}`;

  const names: ArchivedNames = {
    async load() {
      scopes = (await file.read()).scopes;
    },
    async remember(scope, sources) {
      if (sources.length === 0) return;
      const key = keyOf(scope);
      const ids = new Set(sources.map((s) => s.id));
      const next = [
        ...sources.map(({ id, name }) => ({ id, name })),
        ...(scopes[key] ?? []).filter((s) => !ids.has(s.id)),
      ].slice(0, MAX_PER_SCOPE);
      scopes = { ...scopes, [key]: next };
      await file.update((current) => ({ ...current, scopes: { ...current.scopes, [key]: next } }));
      options.log.info('archived source names remembered', { count: sources.length });
    },
    list(scope) {
      return [...(scopes[keyOf(scope)] ?? [])];
    },
    noteSeen(scope, sources) {
      names
        .remember(scope, sources)
        .catch((error: unknown) => options.log.warn('archived names not remembered', { error: error as Error }));
    },
  };
  return names;
}
