import { gzipSync } from 'node:zlib';
import { zipSync } from 'fflate';
import { packDir } from '../build/tools';

export { bareRepo, exampleCopy, examplesDir, pushDir } from './git-repo';

export async function tarGz(dir: string): Promise<Buffer> {
  return gzipSync(await packDir(dir));
}

export async function zipOf(files: Record<string, string>): Promise<Buffer> {
  return Buffer.from(zipSync(Object.fromEntries(Object.entries(files).map(([k, v]) => [k, Buffer.from(v)]))));
}

