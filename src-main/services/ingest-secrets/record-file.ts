/**
 * `<userData>/ingest-secrets.json`: which ingest secrets wait in the keychain, for whom, until
 * when, and which were revealed already (so a second reveal is refused by name, not by a
 * shrug). Never a value: the value lives in the keychain only, under `ingestSecretAccount`.
 * The list answers from here, so listing never has to touch (or list) the keychain.
 */
import { join } from 'node:path';
import { z } from 'zod';
import { IngestSecretOrigin } from '../../../src-shared/domain/ingest-secret';
import type { Clock } from '../clock';
import type { Logger } from '../logging/logger';
import { createJsonFile, type JsonFile } from '../storage/json-file';

const IsoDate = z.iso.datetime({ offset: true });

/** One received secret's record (no value, ever). */
export const IngestSecretRecord = z
  .object({
    sourceId: z.string().min(1).max(128),
    sourceType: z.string().max(200),
    sourceName: z.string().max(200),
    organizationId: z.string().min(1).max(128),
    owner: z
      .object({ profileId: z.string().min(1), deploymentUrl: z.string().min(1), userId: z.string().min(1) })
      .strict(),
    origin: IngestSecretOrigin,
    receivedAt: IsoDate,
    expiresAt: IsoDate,
    /**
     * `waiting`: in the keychain; `revealed`: shown once and wiped; `not_kept`: the keychain
     * refused it when it arrived; `gone`: the keychain answered and no longer held it.
     */
    state: z.enum(['waiting', 'revealed', 'not_kept', 'gone']),
    revealedAt: IsoDate.nullable(),
  })
  .strict();
export type IngestSecretRecord = z.infer<typeof IngestSecretRecord>;

const RecordFile = z.object({ version: z.literal(1), secrets: z.array(IngestSecretRecord).max(10_000) }).strict();
type RecordFile = z.infer<typeof RecordFile>;

/** The records, read and written as one document. */
export type IngestSecretRecords = JsonFile<RecordFile>;

/** Opens `<userDataDir>/ingest-secrets.json` (a damaged file is moved aside and starts empty). */
export function openIngestSecretRecords(options: {
  userDataDir: string;
  log: Logger;
  clock: Clock;
}): IngestSecretRecords {
  return createJsonFile<RecordFile>({
    path: join(options.userDataDir, 'ingest-secrets.json'),
    schema: RecordFile,
    defaults: (): RecordFile => ({ version: 1, secrets: [] }),
    onCorrupt: 'reset',
    log: options.log,
    clock: options.clock,
  });
}

/** The same source received for the same owner (a rotation replaces an unrevealed create). */
export function sameSlot(a: IngestSecretRecord, b: Pick<IngestSecretRecord, 'sourceId' | 'owner'>): boolean {
  return a.sourceId === b.sourceId && a.owner.profileId === b.owner.profileId && a.owner.userId === b.owner.userId;
}
