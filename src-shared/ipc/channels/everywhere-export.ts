import { z } from 'zod';
import { channel, LIMITS } from '../define';

/** Keys are `profileId|organizationId|sourceId` (rowKeyOf) and `profileId|organizationId` (placeKeyOf). */
const key = z.string().min(1).max(1200);

/**
 * Export and report of a selection across deployments and organisations (the Everywhere view):
 * CSV, JSON or the Markdown support report, built in main from what the view lists. Reads
 * only; never a secret (allow-listed columns, then every known secret redacted by value).
 */
export const everywhereExportChannels = {
  'everywhereExport.create': channel({
    summary: 'A selection of the Everywhere list as CSV, JSON or a Markdown support report (the renderer saves it).',
    input: z
      .object({
        format: z.enum(['csv', 'json', 'markdown']),
        /** Rows in view order (filtered and sorted); every row of every place when both lists are omitted. */
        rows: z
          .array(key)
          .max(LIMITS.listItems * 5)
          .optional(),
        /** Places to include even with no row selected (a place that could not be read, say). */
        places: z.array(key).max(LIMITS.listItems).optional(),
      })
      .strict(),
    output: z.object({ filename: z.string(), mime: z.string(), text: z.string(), rows: z.number() }),
  }),
};

export const everywhereExportEvents = {};
