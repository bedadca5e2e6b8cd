import { describe, expect, it } from 'vitest';
import { isAppError } from '@/lib/errors';
import { parseZeropsYmlOrThrow } from './throwing';
import { mergeSetups, selectSetup } from './select';

const doc = parseZeropsYmlOrThrow(`zerops:
  - setup: base
    build:
      base: nodejs@22
      buildCommands: [npm ci]
      deployFiles: ./
      envVariables: { A: "1", B: "2" }
    run:
      start: npm start
      ports: [{ port: 3000, httpSupport: true }]
  - setup: api
    extends: base
    build:
      envVariables: { B: "3" }
    run:
      start: node server.js
  - setup: web
    build:
      base: [nodejs@22, python@3.12]
      deployFiles: [dist/~]
      cache: true
    run:
      base: static
  - setup: nobuild
    run: { start: x }
  - setup: nofiles
    build: { base: go@1 }
    run: { start: x }
  - setup: cyc1
    extends: cyc2
  - setup: cyc2
    extends: cyc1
`);

function errorOf(fn: () => unknown): { message: string; fields: string[] } {
  try {
    fn();
  } catch (err) {
    if (isAppError(err)) return { message: err.message, fields: Object.keys(err.fieldErrors ?? {}) };
    throw err;
  }
  throw new Error('expected an error');
}

describe('selectSetup', () => {
  it('picks the setup named like the hostname', () => {
    const s = selectSetup(doc, { hostname: 'web', requireStart: false });
    expect(s.name).toBe('web');
    expect(s.build.bases).toEqual(['nodejs@22', 'python@3.12']);
    expect(s.build.deployFiles).toEqual(['dist/~']);
    expect(s.build.cache).toBe(true);
    expect(s.run.bases).toEqual(['static']);
    expect(s.deploy.temporaryShutdown).toBe(false);
  });

  it('resolves run.envReplace to lists', () => {
    const one = parseZeropsYmlOrThrow('zerops:\n  - setup: a\n    build: { base: nodejs@22, deployFiles: ./ }\n    run:\n      start: x\n      envReplace: { delimiter: "%%", target: ./config/ }\n');
    expect(selectSetup(one, { hostname: 'a', requireStart: true }).run.envReplace).toEqual({ delimiter: ['%%'], target: ['./config/'] });
    const many = parseZeropsYmlOrThrow('zerops:\n  - setup: a\n    build: { base: nodejs@22, deployFiles: ./ }\n    run:\n      start: x\n      envReplace:\n        delimiter: ["%%", "@@"]\n        target: [a.json, conf/]\n');
    expect(selectSetup(many, { hostname: 'a', requireStart: true }).run.envReplace).toEqual({ delimiter: ['%%', '@@'], target: ['a.json', 'conf/'] });
  });

  it('an explicit setup name wins over the hostname', () => {
    expect(selectSetup(doc, { hostname: 'web', setup: 'api', requireStart: true }).name).toBe('api');
  });

  it('merges extends: objects key by key, values of the extending setup win', () => {
    const s = selectSetup(doc, { hostname: 'api', requireStart: true });
    expect(s.build.bases).toEqual(['nodejs@22']);
    expect(s.build.buildCommands).toEqual(['npm ci']);
    expect(s.build.envVariables).toEqual({ A: '1', B: '3' });
    expect(s.run.start).toBe('node server.js');
    expect(s.run.ports).toEqual([{ port: 3000, protocol: 'TCP', httpSupport: true }]);
    expect(s.run.bases).toEqual([]);
  });

  it.each([
    ['unknown setup', { hostname: 'nope', requireStart: false }, /no setup named "nope" \(the file has: base, api/, 'setup'],
    ['missing build', { hostname: 'nobuild', requireStart: true }, /line 24, zerops\[3\]\.build: is required/, 'zerops[3].build'],
    ['missing deployFiles', { hostname: 'nofiles', requireStart: true }, /zerops\[4\]\.build\.deployFiles: is required/, 'zerops[4].build.deployFiles'],
    ['missing run.start', { hostname: 'web', requireStart: true }, /zerops\[2\]\.run\.start: is required for this service type/, 'zerops[2].run.start'],
    ['extends cycle', { hostname: 'cyc1', requireStart: false }, /cycle \(cyc1 → cyc2 → cyc1\)/, 'extends'],
  ])('%s is a clear error', (_name, options, message, field) => {
    const e = errorOf(() => selectSetup(doc, options));
    expect(e.message).toMatch(message);
    expect(e.fields).toContain(field);
  });
});

describe('mergeSetups', () => {
  it.each([
    [{ a: 1 }, { b: 2 }, { a: 1, b: 2 }],
    [{ a: { x: 1, y: 2 } }, { a: { y: 3 } }, { a: { x: 1, y: 3 } }],
    [{ a: [1, 2] }, { a: [3] }, { a: [3] }],
    [{ a: 1 }, undefined, { a: 1 }],
    [{ a: { x: 1 } }, { a: 'flat' }, { a: 'flat' }],
  ])('%j + %j', (base, over, want) => {
    expect(mergeSetups(base, over)).toEqual(want);
  });
});

describe('parseZeropsYmlOrThrow', () => {
  it('throws a VALIDATION error naming line, key and rule', () => {
    const e = errorOf(() => parseZeropsYmlOrThrow('zerops:\n  - setup: a\n    run:\n      siteConfigPath: x\n'));
    expect(e.message).toBe('zerops.yml line 4:7, zerops[0].run.siteConfigPath: not supported yet');
    expect(e.fields).toEqual(['zerops[0].run.siteConfigPath']);
  });
});
