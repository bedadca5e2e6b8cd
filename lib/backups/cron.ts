import { invalid } from '@/lib/errors';

/** A parsed five-field cron expression: the allowed values of each field. */
export interface Cron {
  minutes: Set<number>;
  hours: Set<number>;
  days: Set<number>;
  months: Set<number>;
  weekdays: Set<number>;
  /** Day of month and day of week both restricted: either may match (cron's rule). */
  dayOr: boolean;
}

const FIELDS = [
  { name: 'minute', min: 0, max: 59 },
  { name: 'hour', min: 0, max: 23 },
  { name: 'day of month', min: 1, max: 31 },
  { name: 'month', min: 1, max: 12 },
  { name: 'day of week', min: 0, max: 7 },
] as const;

function parseField(text: string, f: (typeof FIELDS)[number]): Set<number> {
  const out = new Set<number>();
  for (const part of text.split(',')) {
    const m = /^(\*|(\d+)(?:-(\d+))?)(?:\/(\d+))?$/.exec(part);
    if (!m) throw invalid('cron', `${f.name} "${part}" is not a number, range, list or step`);
    const step = m[4] ? Number(m[4]) : 1;
    const from = m[1] === '*' ? f.min : Number(m[2]);
    const to = m[1] === '*' ? f.max : m[3] !== undefined ? Number(m[3]) : m[4] ? f.max : from;
    if (from < f.min || to > f.max || from > to || step < 1) {
      throw invalid('cron', `${f.name} "${part}" is outside ${f.min}–${f.max}`);
    }
    for (let v = from; v <= to; v += step) out.add(f.name === 'day of week' && v === 7 ? 0 : v);
  }
  return out;
}

/** Parses "minute hour day-of-month month day-of-week"; an error names the field that is wrong. */
export function parseCron(expr: string): Cron {
  const parts = expr.trim().split(/\s+/);
  if (parts.length !== 5) throw invalid('cron', `needs 5 fields (minute hour day-of-month month day-of-week), got ${parts.length}`);
  const [minutes, hours, days, months, weekdays] = parts.map((p, i) => parseField(p, FIELDS[i]!));
  const longest = [0, 31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];
  if (parts[4] === '*' && ![...months!].some((m) => [...days!].some((d) => d <= longest[m]!))) {
    throw invalid('cron', 'never fires (no month has that day)');
  }
  return { minutes: minutes!, hours: hours!, days: days!, months: months!, weekdays: weekdays!, dayOr: parts[2] !== '*' && parts[4] !== '*' };
}

/** Throws a validation error naming `timeZone` unless it is an IANA zone this runtime knows. */
export function checkTimeZone(timeZone: string): void {
  try {
    new Intl.DateTimeFormat('en-US', { timeZone });
  } catch {
    throw invalid('timeZone', `"${timeZone}" is not a known IANA time zone`);
  }
}

const formatters = new Map<string, Intl.DateTimeFormat>();
function localParts(at: Date, timeZone: string) {
  let f = formatters.get(timeZone);
  if (!f) {
    f = new Intl.DateTimeFormat('en-US', { timeZone, hourCycle: 'h23', year: 'numeric', month: 'numeric', day: 'numeric', hour: 'numeric', minute: 'numeric', weekday: 'short' });
    formatters.set(timeZone, f);
  }
  const p = Object.fromEntries(f.formatToParts(at).map((x) => [x.type, x.value]));
  const weekday = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'].indexOf(p.weekday ?? '');
  return { month: Number(p.month), day: Number(p.day), hour: Number(p.hour) % 24, minute: Number(p.minute), weekday };
}

const MINUTE = 60_000;

/** The first minute strictly after `after` at which the expression fires, read in `timeZone`. */
export function nextRun(cron: Cron, timeZone: string, after: Date): Date {
  let t = Math.floor(after.getTime() / MINUTE) * MINUTE + MINUTE;
  // Bounded: years of skipping by days, hours and minutes (Feb 29 comes within eight).
  for (let i = 0; i < 50_000; i++) {
    const p = localParts(new Date(t), timeZone);
    const dayOk = cron.dayOr ? cron.days.has(p.day) || cron.weekdays.has(p.weekday) : cron.days.has(p.day) && cron.weekdays.has(p.weekday);
    if (!cron.months.has(p.month) || !dayOk) {
      t += (24 * 60 - (p.hour * 60 + p.minute)) * MINUTE;
    } else if (!cron.hours.has(p.hour)) {
      t += (60 - p.minute) * MINUTE;
    } else if (!cron.minutes.has(p.minute)) {
      t += MINUTE;
    } else {
      return new Date(t);
    }
  }
  throw invalid('cron', 'never fires (no date matches it)');
}

/** The next `count` runs after `after`. */
export function nextRuns(cron: Cron, timeZone: string, after: Date, count: number): Date[] {
  const out: Date[] = [];
  let at = after;
  for (let i = 0; i < count; i++) out.push((at = nextRun(cron, timeZone, at)));
  return out;
}
