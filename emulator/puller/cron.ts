/** A 5-field UTC cron parser/matcher: numbers, `*`, `*\/n`, `a-b`, `a-b/n` and comma lists. */

export interface Cron { minute: Set<number>; hour: Set<number>; dom: Set<number>; month: Set<number>; dow: Set<number>; domStar: boolean; dowStar: boolean }

const RANGES: readonly [number, number][] = [[0, 59], [0, 23], [1, 31], [1, 12], [0, 7]];

function parseField(field: string, [min, max]: [number, number]): Set<number> | null {
  const out = new Set<number>();
  for (const part of field.split(',')) {
    const m = /^(\*|(\d+)(?:-(\d+))?)(?:\/(\d+))?$/.exec(part);
    if (!m) return null;
    let lo = min; let hi = max;
    if (m[2] !== undefined) { lo = Number(m[2]); hi = m[3] !== undefined ? Number(m[3]) : (m[4] !== undefined ? max : lo); }
    const step = m[4] !== undefined ? Number(m[4]) : 1;
    if (lo < min || hi > max || lo > hi || step < 1 || step > max - min + 1) return null;
    for (let v = lo; v <= hi; v += step) out.add(v);
  }
  return out;
}

/** Parses a cron expression; null when invalid. */
export function parseCron(expr: string): Cron | null {
  const fields = expr.trim().split(/\s+/);
  if (fields.length !== 5) return null;
  const sets = fields.map((f, i) => parseField(f, RANGES[i]!));
  if (sets.some((s) => s === null)) return null;
  const [minute, hour, dom, month, dow] = sets as Set<number>[];
  if (dow!.has(7)) dow!.add(0);
  return { minute: minute!, hour: hour!, dom: dom!, month: month!, dow: dow!, domStar: fields[2] === '*', dowStar: fields[4] === '*' };
}

/** Whether the cron fires in the UTC minute that contains `ms`. */
export function cronMatches(cron: Cron, ms: number): boolean {
  const d = new Date(ms);
  if (!cron.minute.has(d.getUTCMinutes()) || !cron.hour.has(d.getUTCHours()) || !cron.month.has(d.getUTCMonth() + 1)) return false;
  const domOk = cron.dom.has(d.getUTCDate());
  const dowOk = cron.dow.has(d.getUTCDay());
  // Classic cron: when both day fields are restricted, either may match.
  if (!cron.domStar && !cron.dowStar) return domOk || dowOk;
  return domOk && dowOk;
}
