const MONTHS = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];
const DAYS = ['Sunday', 'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday'];
const pad = (n: number, w = 2) => String(n).padStart(w, '0');

/** Tokens of the documented date format (longest first), rendered in UTC. */
const TOKENS: [string, (d: Date) => string][] = [
  ['YYYY', (d) => String(d.getUTCFullYear())],
  ['MMMM', (d) => MONTHS[d.getUTCMonth()]!],
  ['DDDD', (d) => pad(dayOfYear(d), 3)],
  ['dddd', (d) => DAYS[d.getUTCDay()]!],
  ['MMM', (d) => MONTHS[d.getUTCMonth()]!.slice(0, 3)],
  ['ddd', (d) => DAYS[d.getUTCDay()]!.slice(0, 3)],
  ['ZZZ', () => 'UTC'],
  ['YY', (d) => pad(d.getUTCFullYear() % 100)],
  ['MM', (d) => pad(d.getUTCMonth() + 1)],
  ['DD', (d) => pad(d.getUTCDate())],
  ['HH', (d) => pad(d.getUTCHours())],
  ['hh', (d) => pad(hour12(d))],
  ['mm', (d) => pad(d.getUTCMinutes())],
  ['ss', (d) => pad(d.getUTCSeconds())],
  ['zz', () => 'Z'],
  ['M', (d) => String(d.getUTCMonth() + 1)],
  ['D', (d) => String(d.getUTCDate())],
  ['h', (d) => String(hour12(d))],
  ['A', (d) => (d.getUTCHours() < 12 ? 'AM' : 'PM')],
  ['a', (d) => (d.getUTCHours() < 12 ? 'am' : 'pm')],
  ['m', (d) => String(d.getUTCMinutes())],
  ['s', (d) => String(d.getUTCSeconds())],
  ['S', (d) => pad(d.getUTCMilliseconds() * 1000, 6)],
  ['Z', () => 'Z'],
];

function dayOfYear(d: Date): number {
  return Math.floor((Date.UTC(d.getUTCFullYear(), d.getUTCMonth(), d.getUTCDate()) - Date.UTC(d.getUTCFullYear(), 0, 1)) / 86_400_000) + 1;
}
const hour12 = (d: Date) => d.getUTCHours() % 12 || 12;

/** `DD.MM.YYYY HH:mm:ss` → `03.11.2022 12:32:35`; characters that are no token are copied. */
export function formatDatetime(format: string, now: Date): string {
  let out = '';
  for (let i = 0; i < format.length; ) {
    const hit = TOKENS.find(([t]) => format.startsWith(t, i));
    if (hit) {
      out += hit[1](now);
      i += hit[0].length;
    } else out += format[i++];
  }
  return out;
}
