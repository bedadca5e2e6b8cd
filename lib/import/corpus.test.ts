import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { isAppError } from '@/lib/errors';
import { prepareImport, type PlanContext } from '.';

const dir = join(__dirname, 'testdata');
const files = readdirSync(dir).filter((f) => f.endsWith('.yml')).sort();

/** Existing services a `target: services` file is imported into. */
const EXISTING: PlanContext['existing'] = [
  { hostname: 'db', type: 'postgresql', category: 'database' },
  { hostname: 'app', type: 'nodejs', category: 'runtime' },
  { hostname: 'files', type: 'shared-storage', category: 'storage' },
];

async function outcome(file: string) {
  const base = file.replace(/\.yml$/, '');
  const optionsFile = join(dir, `${base}.options.json`);
  const options = (existsSync(optionsFile) ? JSON.parse(readFileSync(optionsFile, 'utf8')) : {}) as Partial<PlanContext>;
  // A large host: the expected outcomes do not depend on the machine the test runs on.
  const host = { cpus: 64, memoryBytes: 256 * 1024 ** 3 };
  const ctx: PlanContext = { target: 'project', source: 'local', host, ...options, existing: options.target === 'services' ? EXISTING : [] };
  try {
    const { preview } = await prepareImport(readFileSync(join(dir, file), 'utf8'), ctx);
    return { preview };
  } catch (err) {
    if (isAppError(err) && err.issues) return { issues: err.issues };
    throw err;
  }
}

describe('import corpus (testdata/*.yml against *.expected.json)', () => {
  it('has at least 15 files', () => expect(files.length).toBeGreaterThanOrEqual(15));

  for (const file of files) {
    it(file, async () => {
      const got = await outcome(file);
      const expectedFile = join(dir, file.replace(/\.yml$/, '.expected.json'));
      if (!existsSync(expectedFile) && process.env.UPDATE_IMPORT_CORPUS === '1') writeFileSync(expectedFile, `${JSON.stringify(got, null, 2)}\n`);
      const expected = JSON.parse(readFileSync(expectedFile, 'utf8')) as unknown;
      expect(got).toEqual(expected);
      // Invalid files are named so; every valid one yields a preview.
      expect('issues' in got).toBe(file.startsWith('invalid-'));
    }, 30_000);
  }

  it('refuses a file over 100 kB at line 1', async () => {
    const big = `project:\n  name: big\n  description: x\n# ${'x'.repeat(101 * 1024)}\n`;
    await expect(prepareImport(big, { target: 'project', source: 'local' })).rejects.toMatchObject({
      code: 'VALIDATION',
      issues: [{ line: 1, column: 1, path: '(file)', message: expect.stringContaining('100 kB') }],
    });
  });
});
