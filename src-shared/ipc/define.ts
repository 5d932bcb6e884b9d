import { z } from 'zod';
import { errorDataSchema, type ErrorData } from '../errors';

/**
 * One IPC channel: what the renderer may send and what main answers. Input schemas must be
 * strict objects (unknown keys rejected) so a compromised renderer cannot smuggle fields
 * past validation; `test/unit/ipc/build-api.test.ts` checks every channel for it.
 */
export interface ChannelSpec<I extends z.ZodType = z.ZodType, O extends z.ZodType = z.ZodType> {
  input: I;
  output: O;
  /** What the channel is for, shown in docs and error messages. */
  summary: string;
  /**
   * The one top-level output field that carries a secret on purpose (a one-time reveal the
   * person asked for): the dispatcher lets it through as is and redacts the rest of the answer.
   */
  reveals?: string;
}

/** Declares a channel; exists so each domain file reads as a table. */
export function channel<I extends z.ZodType, O extends z.ZodType>(spec: ChannelSpec<I, O>): ChannelSpec<I, O> {
  return spec;
}

/** A channel that takes no input: the renderer sends `{}`. */
export const noInput = z.object({}).strict();

/** What every invoke resolves to: errors are data, never thrown across the boundary. */
export type IpcResult<T> = { ok: true; value: T } | { ok: false; error: ErrorData };

/** Runtime check of the envelope itself, used by the renderer on every answer. */
export const ipcResultSchema = z.discriminatedUnion('ok', [
  z.object({ ok: z.literal(true), value: z.unknown() }),
  z.object({ ok: z.literal(false), error: errorDataSchema }),
]);

/** Bounds shared by many schemas, so limits are consistent and easy to audit. */
export const LIMITS = {
  id: 128,
  name: 128,
  description: 2000,
  url: 2048,
  secret: 4096,
  search: 256,
  listItems: 10_000,
  /** The longest answer (JSON characters) a channel may return; longer ones fail `ipc.answer_too_large`. */
  answerChars: 8_000_000,
  /** The longest error answer (JSON characters): an error explains, it never carries data. */
  errorChars: 16_000,
  /** Items of a list in an error's message or details (bad ids, issues); the rest are counted. */
  errorListItems: 20,
} as const;

/** An opaque identifier (ids of sources, orgs, staged entries, profiles). */
export const idSchema = z
  .string()
  .min(1)
  .max(LIMITS.id)
  .regex(/^[\w.:-]+$/, 'unexpected characters in id');
