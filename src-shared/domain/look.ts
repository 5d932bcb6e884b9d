/**
 * How a state looks on screen: its words, its tone and its icon. Every state kind (a
 * source's status, an outbox state, a health signal) has one look table in
 * `state-looks.ts`; views read a look from there and colour it through the tone class
 * `tone-<tone>` (src-renderer/styles/app.css), never through a class per state.
 */

/** The tones, each mapped to one theme colour (--ok, --warning, --danger, --accent, --muted). */
export const TONES = ['ok', 'warn', 'bad', 'info', 'neutral'] as const;
/** How loud a state is: picks its colour (always shown with an icon and words, never colour alone). */
export type Tone = (typeof TONES)[number];

/** The look of one state. */
export interface Look {
  /** The full words (a pill, a tooltip, a filter option). */
  label: string;
  /** The words for a narrow place (a table column, a summary chip). */
  short: string;
  tone: Tone;
  /** A shape, so colour is never the only cue. */
  icon: string;
}

/** A look plus whether this console knows the value (a newer server may send one it does not). */
export interface ValueLook extends Look {
  known: boolean;
}

/**
 * The look of `value` in `table`; a value this build does not know (a newer server's status,
 * a newer build's outbox state) gets a neutral look with its raw words, never an error.
 */
export function lookIn<K extends string>(table: Readonly<Record<K, Look>>, value: string): ValueLook {
  const look = Object.hasOwn(table, value) ? (table as Readonly<Record<string, Look>>)[value] : undefined;
  return look ? { ...look, known: true } : { label: value, short: value, tone: 'neutral', icon: '?', known: false };
}
