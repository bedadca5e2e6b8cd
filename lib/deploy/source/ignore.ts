import fs from 'node:fs/promises';
import path from 'node:path';
import ignore, { type Ignore } from 'ignore';

/** Rules of an ignore file at the tree's root (`.gitignore`, `.deployignore`), or null when absent. */
export async function readIgnoreFile(root: string, file: string): Promise<Ignore | null> {
  try {
    return ignore().add(await fs.readFile(path.join(root, file), 'utf8'));
  } catch {
    return null;
  }
}

/** Removes every path of the tree the rules match (gitignore semantics); returns how many went. */
export async function pruneIgnored(root: string, rules: Ignore, always: string[] = []): Promise<number> {
  let removed = 0;
  const walk = async (rel: string): Promise<void> => {
    for (const entry of await fs.readdir(path.join(root, rel), { withFileTypes: true })) {
      const child = rel ? `${rel}/${entry.name}` : entry.name;
      const isDir = entry.isDirectory();
      if (always.includes(child) || rules.ignores(isDir ? `${child}/` : child)) {
        await fs.rm(path.join(root, child), { recursive: true, force: true });
        removed++;
      } else if (isDir) await walk(child);
    }
  };
  await walk('');
  return removed;
}
