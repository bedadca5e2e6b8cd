import fs from 'node:fs';
import path from 'node:path';
import { createGzip } from 'node:zlib';
import ignore, { type Ignore } from 'ignore';
import tar from 'tar-fs';

function rulesOf(root: string): Ignore {
  const rules = ignore().add('.git');
  for (const file of ['.gitignore', '.deployignore']) {
    const full = path.join(root, file);
    if (fs.existsSync(full)) rules.add(fs.readFileSync(full, 'utf8'));
  }
  return rules;
}

/**
 * The folder as a tar.gz, without `.git` and what `.gitignore` and `.deployignore` exclude (the
 * server applies the same files again). Links stay links; the server refuses those leaving the tree.
 */
export async function packFolder(dir: string): Promise<Buffer> {
  const root = path.resolve(dir);
  if (!fs.statSync(root, { throwIfNoEntry: false })?.isDirectory()) throw new Error(`${dir} is not a folder`);
  const rules = rulesOf(root);
  const pack = tar.pack(root, {
    ignore: (name) => {
      const rel = path.relative(root, name).split(path.sep).join('/');
      if (!rel) return false;
      const isDir = fs.lstatSync(name, { throwIfNoEntry: false })?.isDirectory() ?? false;
      return rules.ignores(isDir ? `${rel}/` : rel);
    },
  });
  const chunks: Buffer[] = [];
  for await (const chunk of pack.pipe(createGzip())) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
}
