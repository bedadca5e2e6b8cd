import { describe, expect, it } from 'vitest';
import { AppError } from '@/lib/errors';
import { parseInput } from './parse';
import { createProjectSchema, envEntrySchema, parseDotEnv } from './projects';
import { addServiceSchema, hostnameSchema, portSchema, RESERVED_HOSTNAMES } from './services';

const fieldsOf = (schema: Parameters<typeof parseInput>[0], input: unknown) => {
  try {
    parseInput(schema, input);
    return {};
  } catch (e) {
    if (!(e instanceof AppError)) throw e;
    expect(e.code).toBe('VALIDATION');
    return e.fieldErrors ?? {};
  }
};

describe('validations', () => {
  it('hostnames: [a-z0-9], 1–25, not reserved', () => {
    for (const ok of ['a', 'db', 'app2', 'a'.repeat(25)]) expect(hostnameSchema.safeParse(ok).success, ok).toBe(true);
    for (const bad of ['', 'App', 'my-app', 'my_app', 'a'.repeat(26), 'ünï', ...RESERVED_HOSTNAMES]) {
      expect(hostnameSchema.safeParse(bad).success, bad).toBe(false);
    }
  });

  it('ports 10–65435, container counts 1–10; errors name the field', () => {
    expect(portSchema.safeParse(10).success).toBe(true);
    expect(portSchema.safeParse(65435).success).toBe(true);
    expect(portSchema.safeParse(9).success).toBe(false);
    expect(portSchema.safeParse(65436).success).toBe(false);
    expect(Object.keys(fieldsOf(addServiceSchema, { hostname: 'x', type: 'nodejs@18', containerCount: 11 }))).toEqual(['containerCount']);
    expect(Object.keys(fieldsOf(addServiceSchema, { hostname: 'X', type: 'nodejs@18', mode: 'MAYBE' })).sort()).toEqual(['hostname', 'mode']);
  });

  it('env entries: identifier keys, printable ASCII one-line values up to 32 KiB', () => {
    expect(envEntrySchema.safeParse({ key: '_A1', value: 'x'.repeat(32 * 1024) }).success).toBe(true);
    for (const bad of [{ key: '1A', value: '' }, { key: 'A B', value: '' }, { key: 'A', value: 'a\nb' }, { key: 'A', value: 'é' }, { key: 'A', value: 'x'.repeat(32 * 1024 + 1) }]) {
      expect(envEntrySchema.safeParse(bad).success, JSON.stringify(bad).slice(0, 40)).toBe(false);
    }
  });

  it('projects: a name is required, core package is LIGHT or SERIOUS; .env paste parses', () => {
    expect(Object.keys(fieldsOf(createProjectSchema, { name: ' ', corePackage: 'HUGE' })).sort()).toEqual(['corePackage', 'name']);
    expect(parseDotEnv('# c\nA=1\n\nB = two=2\n')).toEqual([{ key: 'A', value: '1' }, { key: 'B', value: 'two=2' }]);
  });
});
