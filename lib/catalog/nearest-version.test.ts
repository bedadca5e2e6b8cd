import { describe, expect, it } from 'vitest';
import { nearestVersion, newestFirst } from './nearest-version';

describe('nearestVersion', () => {
  it('prefers the closest version of the same major', () => {
    expect(nearestVersion('7.2', ['6.2', '7.0', '7.5', '8.0'])).toBe('7.0');
    expect(nearestVersion('7.2', ['7.0', '7.4'])).toBe('7.4'); // a tie goes to the newer one
    expect(nearestVersion('3.12', ['3.9', '3.11', '4.0'])).toBe('3.11');
    expect(nearestVersion('3.10', ['3.9', '3.11'])).toBe('3.11');
  });
  it('takes the nearest newer major when the major is missing', () => {
    expect(nearestVersion('14', ['12', '15', '16'])).toBe('15');
    expect(nearestVersion('1.1', ['2.0', '3.0'])).toBe('2.0');
  });
  it('falls back to the newest older version when nothing newer exists', () => {
    expect(nearestVersion('22', ['16', '18'])).toBe('18');
    expect(nearestVersion('17', ['15'])).toBe('15');
  });
  it('proposes nothing for names or an empty list', () => {
    expect(nearestVersion('stable', ['1.78'])).toBeNull();
    expect(nearestVersion('18', [])).toBeNull();
  });

  it('orders versions newest first, part by part, names last', () => {
    expect(['3.11', '3.13', '3.9'].sort(newestFirst)).toEqual(['3.13', '3.11', '3.9']);
    expect(['15', '18', '17'].sort(newestFirst)).toEqual(['18', '17', '15']);
    expect(['stable', '1.19', '1.24'].sort(newestFirst)).toEqual(['1.24', '1.19', 'stable']);
  });
});
