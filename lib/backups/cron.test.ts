import { describe, expect, it } from 'vitest';
import { AppError } from '@/lib/errors';
import { checkTimeZone, nextRun, nextRuns, parseCron } from './cron';

describe('parseCron', () => {
  it('reads numbers, ranges, lists and steps', () => {
    const c = parseCron('*/15 1-3 1,15 * 1-5');
    expect([...c.minutes]).toEqual([0, 15, 30, 45]);
    expect([...c.hours]).toEqual([1, 2, 3]);
    expect([...c.days]).toEqual([1, 15]);
    expect(c.months.size).toBe(12);
    expect(c.dayOr).toBe(true);
    expect([...parseCron('0 0 * * 7').weekdays]).toEqual([0]);
  });
  it('names the field and the rule when it is wrong', () => {
    expect(() => parseCron('0 3 * *')).toThrow(/cron: needs 5 fields/);
    expect(() => parseCron('60 3 * * *')).toThrow(/minute "60" is outside 0–59/);
    expect(() => parseCron('0 x * * *')).toThrow(/hour "x" is not a number/);
    const err = (() => {
      try {
        parseCron('0 25 * * *');
      } catch (e) {
        return e;
      }
    })();
    expect(err).toBeInstanceOf(AppError);
    expect((err as AppError).fieldErrors).toEqual({ cron: ['hour "25" is outside 0–23'] });
  });
});

describe('nextRun', () => {
  it('fires daily at 03:00 in the given time zone', () => {
    const c = parseCron('0 3 * * *');
    expect(nextRun(c, 'UTC', new Date('2026-03-01T02:59:30Z')).toISOString()).toBe('2026-03-01T03:00:00.000Z');
    expect(nextRun(c, 'UTC', new Date('2026-03-01T03:00:00Z')).toISOString()).toBe('2026-03-02T03:00:00.000Z');
    expect(nextRun(c, 'Europe/Prague', new Date('2026-01-10T00:00:00Z')).toISOString()).toBe('2026-01-10T02:00:00.000Z');
    expect(nextRun(c, 'Europe/Prague', new Date('2026-07-10T00:00:00Z')).toISOString()).toBe('2026-07-10T01:00:00.000Z');
  });
  it('handles weekdays, months and steps', () => {
    // 2026-03-02 is a Monday.
    expect(nextRun(parseCron('30 4 * * 1'), 'UTC', new Date('2026-03-03T00:00:00Z')).toISOString()).toBe('2026-03-09T04:30:00.000Z');
    expect(nextRun(parseCron('0 0 1 2 *'), 'UTC', new Date('2026-03-03T00:00:00Z')).toISOString()).toBe('2027-02-01T00:00:00.000Z');
    expect(nextRuns(parseCron('*/20 * * * *'), 'UTC', new Date('2026-03-03T10:05:00Z'), 3).map((d) => d.toISOString())).toEqual([
      '2026-03-03T10:20:00.000Z',
      '2026-03-03T10:40:00.000Z',
      '2026-03-03T11:00:00.000Z',
    ]);
  });
  it('refuses a date that never comes', () => {
    expect(() => parseCron('0 0 31 2 *')).toThrow(/cron: never fires/);
    expect(nextRun(parseCron('0 0 29 2 *'), 'UTC', new Date('2026-01-01T00:00:00Z')).toISOString()).toBe('2028-02-29T00:00:00.000Z');
  });
});

describe('checkTimeZone', () => {
  it('accepts IANA zones and names the field otherwise', () => {
    expect(() => checkTimeZone('Europe/Prague')).not.toThrow();
    expect(() => checkTimeZone('Mars/Olympus')).toThrow(/timeZone: "Mars\/Olympus" is not a known IANA time zone/);
  });
});
