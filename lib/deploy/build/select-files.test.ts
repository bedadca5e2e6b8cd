import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseDeployPath, selectDeployFiles } from './select-files';

describe('parseDeployPath', () => {
  it.each([
    ['./', { pattern: '*', cut: '' }],
    ['.', { pattern: '*', cut: '' }],
    ['dist', { pattern: 'dist', cut: '' }],
    ['./dist/', { pattern: 'dist', cut: '' }],
    ['dist/~', { pattern: 'dist/*', cut: 'dist' }],
    ['./dist/~/public', { pattern: 'dist/public', cut: 'dist' }],
    ['src/*.js', { pattern: 'src/*.js', cut: '' }],
  ])('%s', (entry, want) => expect(parseDeployPath(entry)).toEqual(want));
});

describe('selectDeployFiles', () => {
  let root: string;
  let tmp: string;
  beforeAll(async () => {
    tmp = await fs.mkdtemp(path.join(os.tmpdir(), 'berth-select-'));
    root = path.join(tmp, 'src');
    for (const [file, body] of Object.entries({
      'dist/index.html': 'i',
      'dist/assets/a.js': 'a',
      'dist/debug.map': 'm',
      'node_modules/x/index.js': 'x',
      'package.json': '{}',
      'src/a.js': 'a',
      'src/b.ts': 'b',
      '.deployignore': '*.map\n',
    })) {
      await fs.mkdir(path.dirname(path.join(root, file)), { recursive: true });
      await fs.writeFile(path.join(root, file), body);
    }
  });
  afterAll(() => fs.rm(tmp, { recursive: true, force: true }));

  const list = async (dir: string) => ((await fs.readdir(dir, { recursive: true })) as string[]).map((p) => p.split(path.sep).join('/')).sort();

  it('copies paths and globs, drops .deployignore matches', async () => {
    const out = path.join(tmp, 'o1');
    await selectDeployFiles(root, ['dist', 'package.json', 'src/*.js'], out);
    expect(await list(out)).toEqual(['dist', 'dist/assets', 'dist/assets/a.js', 'dist/index.html', 'package.json', 'src', 'src/a.js']);
  });

  it('the ~ form deploys a folder contents at the root', async () => {
    const out = path.join(tmp, 'o2');
    await selectDeployFiles(root, ['dist/~'], out);
    expect(await list(out)).toEqual(['assets', 'assets/a.js', 'index.html']);
  });

  it('./ deploys everything', async () => {
    const out = path.join(tmp, 'o3');
    await selectDeployFiles(root, ['./'], out);
    expect(await list(out)).toContain('node_modules/x/index.js');
  });

  it.each([
    [['nothing-here'], /"nothing-here" matches nothing/],
    [['../etc'], /must stay inside the build folder/],
  ])('%j is refused', async (files, message) => {
    await expect(selectDeployFiles(root, files, path.join(tmp, 'bad'))).rejects.toThrow(message);
  });
});
