import { describe, expect, it } from 'vitest';
import { parseKeepBackups } from './keep';

describe('keepBackups of a delete', () => {
  it('keeps by default and reads true/false', () => {
    expect(parseKeepBackups(null)).toBe(true);
    expect(parseKeepBackups('')).toBe(true);
    expect(parseKeepBackups('true')).toBe(true);
    expect(parseKeepBackups('false')).toBe(false);
  });
  it('refuses anything else with the field named', () => {
    expect(() => parseKeepBackups('no')).toThrow(/keepBackups must be true or false/);
  });
});
