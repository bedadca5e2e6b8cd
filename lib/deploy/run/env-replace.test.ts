import { describe, expect, it } from 'vitest';
import { envReplaceFiles } from './env-replace';
import { versionFiles } from './scripts';

const run = (envReplace?: { delimiter: string[]; target: string[] }) => ({
  bases: [],
  prepareCommands: [],
  initCommands: ['echo init'],
  start: 'node server.js',
  startCommands: [],
  ports: [],
  envVariables: {},
  envReplace,
  crontab: [],
});

describe('run.envReplace in the version image', () => {
  it('adds nothing without envReplace', () => {
    expect(envReplaceFiles(run())).toEqual([]);
  });

  it('writes the program, the delimiters and the targets relative to /var/www', () => {
    const files = envReplaceFiles(run({ delimiter: ['%%', '@@'], target: ['./config/', 'a.json', './'] }));
    expect(files.map((f) => f.name)).toEqual(['usr/local/bin/berth-env-replace', 'etc/berth/env-replace/delimiters', 'etc/berth/env-replace/targets']);
    expect(files[0]!.mode).toBe(0o755);
    expect(files[1]!.content).toBe('%%\n@@\n');
    expect(files[2]!.content).toBe('config\na.json\n.\n');
  });

  it('runs before initCommands at every start', () => {
    const v = versionFiles('nodejs', run({ delimiter: ['%%'], target: ['config'] }));
    const script = v.files.find((f) => f.name === 'usr/local/bin/berth-run')!.content;
    expect(script.indexOf('berth-env-replace')).toBeGreaterThan(0);
    expect(script.indexOf('berth-env-replace')).toBeLessThan(script.indexOf('run_dir /etc/berth/init'));
    expect(v.files.some((f) => f.name === 'etc/berth/env-replace/targets')).toBe(true);
  });
});
