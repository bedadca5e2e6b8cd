import { describe, expect, it } from 'vitest';
import { BACKUP_CAP_BYTES, capMessage, toPrune } from './policy';

const day = 86_400_000;
const now = new Date('2026-06-10T12:00:00Z');
const list = [0, 1, 2, 3, 4].map((d) => ({ id: `b${d}`, createdAt: new Date(now.getTime() - d * day - 1000) }));

describe('toPrune', () => {
  it('keeps the newest N', () => {
    expect(toPrune(list, { keepLast: 2, keepDays: null }, now).map((b) => b.id)).toEqual(['b2', 'b3', 'b4']);
  });
  it('drops backups older than N days', () => {
    expect(toPrune(list, { keepLast: null, keepDays: 2 }, now).map((b) => b.id)).toEqual(['b2', 'b3', 'b4']);
    expect(toPrune(list, { keepLast: null, keepDays: 3 }, now).map((b) => b.id)).toEqual(['b3', 'b4']);
  });
  it('applies both rules and never removes the newest', () => {
    expect(toPrune(list, { keepLast: 4, keepDays: 1 }, now).map((b) => b.id)).toEqual(['b1', 'b2', 'b3', 'b4']);
    expect(toPrune(list, { keepLast: 0, keepDays: 0 }, now).map((b) => b.id)).toEqual(['b1', 'b2', 'b3', 'b4']);
  });
  it('keeps everything without rules', () => {
    expect(toPrune(list, { keepLast: null, keepDays: null }, now)).toEqual([]);
  });
});

describe('cap', () => {
  it('is 5 GB on Light and 25 GB on Serious, and the refusal says so', () => {
    expect(BACKUP_CAP_BYTES.LIGHT).toBe(5 * 1024 ** 3);
    expect(BACKUP_CAP_BYTES.SERIOUS).toBe(25 * 1024 ** 3);
    expect(capMessage(5.5 * 1024 ** 3, BACKUP_CAP_BYTES.LIGHT, 'LIGHT')).toMatch(/5\.50 GB of its 5\.00 GB \(Light core\)/);
  });
});
