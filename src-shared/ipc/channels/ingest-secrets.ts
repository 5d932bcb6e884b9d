import { z } from 'zod';
import { RevealedIngestSecret, WaitingIngestSecret } from '../../domain/ingest-secret';
import { channel, idSchema, noInput } from '../define';

const bySource = z.object({ sourceId: idSchema }).strict();

/**
 * Ingest secrets coming from LangWatch (a push source's one-time bearer token): which wait for
 * the person at the console, the one reveal, a rotation, and the clipboard that clears itself.
 */
export const ingestSecretsChannels = {
  'ingestSecrets.list': channel({
    summary: 'The ingest secrets waiting for the person at the console (no values).',
    input: noInput,
    output: z.array(WaitingIngestSecret).max(10_000),
  }),
  'ingestSecrets.reveal': channel({
    summary: 'Answers a waiting ingest secret once, to its owner, and wipes it from the keychain.',
    input: bySource,
    output: RevealedIngestSecret,
    // The one answer that carries a secret on purpose: the person asked to see it, once.
    reveals: 'secret',
  }),
  'ingestSecrets.rotate': channel({
    summary: 'Asks LangWatch for a new ingest secret of a push source (the old one works 24 h more) and keeps it.',
    input: bySource,
    output: z.object({ sourceId: z.string(), outcome: z.enum(['kept', 'not_needed', 'not_kept']) }),
  }),
  'ingestSecrets.copy': channel({
    summary: 'Copies a revealed secret or its snippet to the clipboard, cleared again after a stated time.',
    input: z.object({ text: z.string().min(1).max(16_000) }).strict(),
    output: z.object({ clearsAt: z.iso.datetime({ offset: true }), clearAfterMs: z.number().int().positive() }),
  }),
};

/** Push events of the ingest-secrets domain (main -> renderer): the waiting list may have changed. */
export const ingestSecretsEvents = {
  'ingestSecrets.changed': z.object({}).strict(),
};
