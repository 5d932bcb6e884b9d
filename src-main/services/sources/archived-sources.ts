/**
 * The archived sources this console has seen, per deployment and organisation
 * (`<userData>/archived-seen.json`, no secret: ids and names).
 *
 * Why: LangWatch lists no archived source (contract §4 and §8), yet keeps a unique index on
 * (organisation, name) that includes them, so a create or rename to such a name fails (a 500).
 * The console can only know an archived source it saw: one it archived ("archived here", what
 * the Archived filter finds again), one that vanished from the list (LangWatch has no delete),
 * or an archived one it opened. Their names answer "who holds this name" after a bare 500.
 *
 * One file since it replaced two (`archived-names.json`: names seen; `archived-sources.json`:
 * ids archived here). Both are read at every load and merged in, never written or deleted, so
 * an older console run in between loses nothing and nothing of theirs is lost.
 */
import { join } from 'node:path';
import { z } from 'zod';
import type { Clock } from '../clock';
import type { Logger } from '../logging/logger';
import { createJsonFile } from '../storage/json-file';

/** File name of the memory inside the user-data folder. */
export const ARCHIVED_FILE_NAME = 'archived-seen.json';
/** The two files it replaced, read (never written) at load; their schemas are the old ones. */
export const LEGACY_NAMES_FILE = 'archived-names.json';
export const LEGACY_HERE_FILE = 'archived-sources.json';

/** One archived source as remembered. */
export const ArchivedName = z.object({ id: z.string().min(1), name: z.string().min(1).max(256) });
export type ArchivedName = z.infer<typeof ArchivedName>;
const Seen = ArchivedName.extend({ archivedHere: z.boolean() });
type Seen = z.infer<typeof Seen>;

/** Where a source was seen: one organisation of one deployment profile. */
export interface ArchivedScope {
  profileId: string;
  organizationId: string;
}

/** Sources kept per organisation (newest first); far above any real fleet of archived sources. */
const MAX_PER_SCOPE = 2000;
/** Ids archived here before the console remembered where (the old list's own limit). */
const MAX_UNSCOPED = 1000;

const File = z
  .object({
    version: z.literal(1),
    scopes: z.record(z.string(), z.array(Seen).max(MAX_PER_SCOPE)),
    /** Migrated from archived-sources.json: archived here, organisation and name unknown. */
    archivedHereUnscoped: z.array(z.string().min(1)).max(MAX_UNSCOPED),
  })
  .strict();
type File = z.infer<typeof File>;
const LegacyNames = z.object({ version: z.literal(1), scopes: z.record(z.string(), z.array(ArchivedName)) }).strict();
const LegacyHere = z.object({ version: z.literal(1), ids: z.array(z.string().max(200)) }).strict();

/** The memory of archived sources (`services.archivedSources`). */
export interface ArchivedSources {
  /** Reads the file and merges both legacy files in (writing only if they added anything). */
  load(): Promise<void>;
  /** Remembers sources seen archived; `archivedHere` when this console archived them. */
  remember(scope: ArchivedScope, sources: ReadonlyArray<ArchivedName>, how?: { archivedHere: boolean }): Promise<void>;
  /** `remember` in the background for callers that go on regardless: a failed write is logged. */
  noteSeen: (scope: ArchivedScope, sources: ReadonlyArray<ArchivedName>) => void;
  /** Names that stay taken in the scope (the name-holder lookup, the composer), newest first. */
  names(scope: ArchivedScope): ArchivedName[];
  /** Ids archived from this console (the Archived filter), newest first; legacy ids last. */
  archivedHereIds(scope: ArchivedScope): string[];
}

const keyOf = (scope: ArchivedScope) => `${scope.profileId}|${scope.organizationId}`;

/** Newest first, each id once; a source archived here stays so when seen again. */
function merge(newer: ReadonlyArray<Seen>, older: ReadonlyArray<Seen>): Seen[] {
  const olderById = new Map(older.map((s) => [s.id, s]));
  const ids = new Set(newer.map((s) => s.id));
  return [
    ...newer.map((s) => ({ ...s, archivedHere: s.archivedHere || (olderById.get(s.id)?.archivedHere ?? false) })),
    ...older.filter((s) => !ids.has(s.id)),
  ].slice(0, MAX_PER_SCOPE);
}

/** The file's content with both legacy files merged under it (what it already has wins). */
function withLegacy(current: File, names: z.infer<typeof LegacyNames>, here: z.infer<typeof LegacyHere>): File {
  const scopes = { ...current.scopes };
  for (const [key, list] of Object.entries(names.scopes))
    scopes[key] = merge(
      scopes[key] ?? [],
      list.map((s) => ({ ...s, archivedHere: false })),
    );
  const known = new Set(current.archivedHereUnscoped);
  // The old list is oldest first; keep the newest when over the limit.
  const unscoped = [...current.archivedHereUnscoped, ...here.ids.filter((id) => id && !known.has(id)).reverse()];
  return { version: 1, scopes, archivedHereUnscoped: unscoped.slice(0, MAX_UNSCOPED) };
}

/** Creates the memory for `<userDataDir>/archived-seen.json`. */
export function createArchivedSources(options: { userDataDir: string; log: Logger; clock: Clock }): ArchivedSources {
  const { log, clock } = options;
  // Losing the memory only hides archived sources and names; never worth refusing to start.
  const open = <T>(name: string, schema: z.ZodType<T>, defaults: () => T) =>
    createJsonFile({ path: join(options.userDataDir, name), schema, defaults, onCorrupt: 'reset', log, clock });
  const file = open(ARCHIVED_FILE_NAME, File, (): File => ({ version: 1, scopes: {}, archivedHereUnscoped: [] }));
  let state: File = { version: 1, scopes: {}, archivedHereUnscoped: [] };

  const memory: ArchivedSources = {
    async load() {
      const [current, names, here] = await Promise.all([
        file.read(),
        open(LEGACY_NAMES_FILE, LegacyNames, () => ({ version: 1 as const, scopes: {} })).read(),
        open(LEGACY_HERE_FILE, LegacyHere, () => ({ version: 1 as const, ids: [] })).read(),
      ]);
      state = withLegacy(current, names, here);
      if (JSON.stringify(state) !== JSON.stringify(current)) {
        await file.write(state);
        log.info('archived sources merged from the older files');
      }
    },
    async remember(scope, sources, how) {
      if (sources.length === 0) return;
      const key = keyOf(scope);
      const seen = sources.map(({ id, name }) => ({ id, name, archivedHere: how?.archivedHere ?? false }));
      state = { ...state, scopes: { ...state.scopes, [key]: merge(seen, state.scopes[key] ?? []) } };
      const snapshot = state;
      await file.update(() => snapshot);
      log.info('archived sources remembered', { count: sources.length, archivedHere: how?.archivedHere ?? false });
    },
    noteSeen(scope, sources) {
      memory
        .remember(scope, sources)
        .catch((error: unknown) => log.warn('archived sources not remembered', { error: error as Error }));
    },
    names(scope) {
      return (state.scopes[keyOf(scope)] ?? []).map(({ id, name }) => ({ id, name }));
    },
    archivedHereIds(scope) {
      const here = (state.scopes[keyOf(scope)] ?? []).filter((s) => s.archivedHere).map((s) => s.id);
      return [...new Set([...here, ...state.archivedHereUnscoped])];
    },
  };
  return memory;
}
