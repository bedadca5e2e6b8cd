import fs from 'node:fs/promises';
import path from 'node:path';
import fg from 'fast-glob';
import { AppError } from '@/lib/errors';
import { pruneIgnored, readIgnoreFile } from '../source/ignore';

/**
 * One `deployFiles` entry as a glob and the part of the matched path to cut: `./` is everything,
 * `dist/~` deploys dist's contents at the root, `dist/~/public` deploys `public` at the root.
 */
export function parseDeployPath(entry: string): { pattern: string; cut: string } {
  const clean = entry.trim().replace(/^\.\/+/, '').replace(/\/+$/, '');
  if (clean === '' || clean === '.') return { pattern: '*', cut: '' };
  const at = clean.split('/').indexOf('~');
  if (at < 0) return { pattern: clean, cut: '' };
  const parts = clean.split('/');
  const cut = parts.slice(0, at).join('/');
  const rest = parts.slice(at + 1).join('/');
  return { pattern: rest ? `${cut ? `${cut}/` : ''}${rest}` : cut ? `${cut}/*` : '*', cut };
}

/**
 * Copies the `deployFiles` selection from the built tree `root` into `out`, then drops what
 * `.deployignore` lists. An entry that matches nothing is an error naming it.
 */
export async function selectDeployFiles(root: string, deployFiles: string[], out: string, field = 'build.deployFiles'): Promise<number> {
  await fs.mkdir(out, { recursive: true });
  let copied = 0;
  for (const entry of deployFiles) {
    const { pattern, cut } = parseDeployPath(entry);
    if (pattern.split('/').includes('..') || path.isAbsolute(pattern)) {
      throw new AppError('VALIDATION', `zerops.yml ${field}: "${entry}" must stay inside the build folder`, { [field]: ['must stay inside the build folder'] });
    }
    const matches = await fg(pattern, { cwd: root, dot: true, onlyFiles: false, followSymbolicLinks: false, unique: true });
    if (matches.length === 0) {
      throw new AppError('VALIDATION', `zerops.yml ${field}: "${entry}" matches nothing in the build output`, { [field]: [`"${entry}" matches nothing`] });
    }
    for (const match of matches) {
      const rel = cut ? path.relative(cut, match) : match;
      if (!rel || rel.startsWith('..')) continue;
      await fs.mkdir(path.dirname(path.join(out, rel)), { recursive: true });
      await fs.cp(path.join(root, match), path.join(out, rel), { recursive: true, verbatimSymlinks: true, force: true });
      copied++;
    }
  }
  const rules = await readIgnoreFile(root, '.deployignore');
  if (rules) await pruneIgnored(out, rules);
  return copied;
}
