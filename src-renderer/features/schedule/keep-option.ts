// Its own file so ScheduleField (which offers "keep") and ScheduleSummary (which words it) share
// it without importing each other.

/** What "keep" means where it is offered (a change of an existing source or entry). */
export interface KeepOption {
  /** The schedule in force, in words ("every 15 minutes"), or null when unknown. */
  current: string | null;
}
