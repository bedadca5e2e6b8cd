import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { eq } from 'drizzle-orm';
import { decryptSecret } from '@/lib/crypto/secrets';
import type { Db } from '@/lib/db/client';
import { deploySources, type AppVersion } from '@/lib/db/schema';
import { env } from '@/lib/env';
import { knownHostsPath, readBlob } from '../store';
import { extractArchive } from './archive';
import { fetchGit, isSshUrl } from './git';
import { pruneIgnored, readIgnoreFile } from './ignore';

export const archiveLimits = () => ({ maxBytes: env.BERTH_DEPLOY_ARCHIVE_LIMIT_MB * 1024 * 1024, maxEntries: 200_000 });

/**
 * The version's source as a folder on the host: an uploaded archive unpacked (minus what its
 * `.gitignore` lists), or a Git ref fetched. Returns the folder, the temporary folder to remove
 * afterwards and, for Git, the commit.
 */
export async function materializeSource(db: Db, version: AppVersion): Promise<{ dir: string; tmp: string; commit?: string }> {
  const dir = await fs.mkdtemp(path.join(os.tmpdir(), 'berth-src-'));
  try {
    const src = version.source;
    if (src.kind === 'archive') {
      await extractArchive(await readBlob('sources', src.digest), dir, archiveLimits());
      const root = await singleTopFolder(dir);
      const rules = await readIgnoreFile(root, '.gitignore');
      if (rules) await pruneIgnored(root, rules, ['.git']);
      return { dir: root, tmp: dir };
    }
    if (src.kind === 'git') {
      const [cred] = await db.select().from(deploySources).where(eq(deploySources.serviceId, version.serviceId));
      // A token goes only to the repository it was given for. The service's ssh key may go to any
      // ssh source: public-key authentication proves the key without sending it.
      const sameUrl = cred?.gitUrl === src.url;
      const auth = {
        token: sameUrl && cred?.tokenEncrypted ? decryptSecret(cred.tokenEncrypted) : undefined,
        sshKey: cred?.sshKeyEncrypted && (sameUrl || isSshUrl(src.url)) ? decryptSecret(cred.sshKeyEncrypted) : undefined,
        knownHosts: knownHostsPath(version.serviceId),
      };
      const { commit } = await fetchGit({ url: src.url, ref: src.ref }, dir, auth);
      return { dir, tmp: dir, commit };
    }
    return { dir, tmp: dir };
  } catch (err) {
    await fs.rm(dir, { recursive: true, force: true });
    throw err;
  }
}

/** An archive of one folder (`app/…`, as made by zipping a folder) is read from inside it, when it has no zerops.yml at the top. */
async function singleTopFolder(dir: string): Promise<string> {
  const entries = await fs.readdir(dir, { withFileTypes: true });
  if (entries.some((e) => /^zerops\.ya?ml$/.test(e.name))) return dir;
  if (entries.length === 1 && entries[0]!.isDirectory()) return path.join(dir, entries[0]!.name);
  return dir;
}

export async function readZeropsYml(dir: string): Promise<string | null> {
  for (const name of ['zerops.yml', 'zerops.yaml']) {
    try {
      return await fs.readFile(path.join(dir, name), 'utf8');
    } catch {
      // try the next name
    }
  }
  return null;
}
