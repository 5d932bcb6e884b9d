import { z } from 'zod';
import { EverywhereDelta, EverywhereSnapshot } from '../../domain/everywhere';
import { channel, LIMITS, noInput } from '../define';

/**
 * Every source of every signed-in deployment and organisation the person may view, each
 * place with its own state. Reads only: opening a row switches profile and organisation
 * through `auth.*`, which stays the one way to change what is active.
 */
/** The view's filters, as the export applies them (the same list, the same order). */
const EverywhereQueryInput = z
  .object({
    text: z.string().max(LIMITS.search),
    deployment: z.string().max(LIMITS.id),
    organization: z.string().max(LIMITS.name),
    attentionOnly: z.boolean(),
    groupBy: z.enum(['none', 'place', 'deployment']),
  })
  .strict();

export const everywhereChannels = {
  'everywhere.export': channel({
    summary:
      'The list as JSON or CSV text across deployments, filtered and ordered as the view; places not current as lines of their own; never a secret.',
    input: z.object({ format: z.enum(['json', 'csv']), query: EverywhereQueryInput }).strict(),
    output: z.object({ filename: z.string(), mime: z.string(), text: z.string(), rows: z.number() }),
  }),
  'everywhere.report': channel({
    summary:
      'The Markdown support report of the same selection across deployments: each place, its state and summary, its sources and their health; never a secret.',
    input: z.object({ query: EverywhereQueryInput }).strict(),
    output: z.object({ filename: z.string(), mime: z.string(), text: z.string(), rows: z.number() }),
  }),
  'everywhere.snapshot': channel({
    summary: 'Every place (deployment × organisation) with its state, and every source listed there.',
    input: noInput,
    output: EverywhereSnapshot,
  }),
  'everywhere.refresh': channel({
    summary: 'Refreshes every place now (a place backing off after a 429 keeps waiting); answers at once.',
    input: noInput,
    output: z.object({ started: z.literal(true) }),
  }),
  'everywhere.setWatching': channel({
    summary: 'Whether the Everywhere view is on screen: places are refreshed only while it is.',
    input: z.object({ watching: z.boolean() }).strict(),
    output: z.object({ watching: z.boolean() }),
  }),
};

export const everywhereEvents = {
  'everywhere.changed': EverywhereDelta,
  /** At most one per tick: sources anywhere that started needing attention (a system notification). */
  'everywhere.attention': z.object({
    count: z.number().int().positive(),
    places: z.number().int().positive(),
    names: z.array(z.string().max(LIMITS.name)).max(3),
  }),
};
