import type Docker from 'dockerode';
import { PassThrough } from 'node:stream';
import type { ImageChanges, Engine } from '../engine';

type ImageOps = Pick<Engine, 'imageExists' | 'commitContainer' | 'removeImage' | 'listImages' | 'putArchive' | 'getArchive' | 'execStream'>;

function code(err: unknown): number | undefined {
  return typeof err === 'object' && err !== null && 'statusCode' in err ? Number(err.statusCode) : undefined;
}

/** Dockerfile instructions for a commit (the engine parses them like a Dockerfile's lines). */
export function commitChanges(c: ImageChanges): string {
  const lines: string[] = [];
  if (c.entrypoint) lines.push(`ENTRYPOINT ${JSON.stringify(c.entrypoint)}`);
  if (c.cmd) lines.push(`CMD ${JSON.stringify(c.cmd)}`);
  if (c.workingDir) lines.push(`WORKDIR ${JSON.stringify(c.workingDir).slice(1, -1)}`);
  for (const [k, v] of Object.entries(c.env ?? {})) lines.push(`ENV ${k}=${JSON.stringify(v)}`);
  for (const [k, v] of Object.entries(c.labels ?? {})) lines.push(`LABEL ${JSON.stringify(k)}=${JSON.stringify(v)}`);
  return lines.join('\n');
}

/** Line splitter for a byte stream: whole lines to `emit`, the rest at `flush`. */
function lineSplitter(emit: (line: string) => void) {
  let rest = '';
  return {
    push(chunk: Buffer) {
      rest += chunk.toString('utf8');
      let nl: number;
      while ((nl = rest.search(/\r?\n|\r/)) >= 0) {
        emit(rest.slice(0, nl));
        rest = rest.slice(nl + (rest[nl] === '\r' && rest[nl + 1] === '\n' ? 2 : 1));
      }
    },
    flush() {
      if (rest) emit(rest);
      rest = '';
    },
  };
}

/** Image, archive and streaming-exec calls of the deploy pipeline. */
export function imageOps(client: Docker): ImageOps {
  return {
    async imageExists(ref) {
      try {
        await client.getImage(ref).inspect();
        return true;
      } catch (err) {
        if (code(err) === 404) return false;
        throw err;
      }
    },
    async commitContainer(id, ref, changes) {
      const at = ref.lastIndexOf(':');
      const [repo, tag] = at > ref.lastIndexOf('/') ? [ref.slice(0, at), ref.slice(at + 1)] : [ref, 'latest'];
      await client.getContainer(id).commit({ repo, tag, changes: commitChanges(changes), pause: false });
    },
    async removeImage(ref, force = false) {
      try {
        await client.getImage(ref).remove({ force });
      } catch (err) {
        if (code(err) !== 404) throw err;
      }
    },
    async listImages(labels) {
      const filters = JSON.stringify({ label: Object.entries(labels).map(([k, v]) => `${k}=${v}`) });
      const list = await client.listImages({ filters });
      return list.map((i) => ({ id: i.Id, tags: (i.RepoTags ?? []).filter((t) => t !== '<none>:<none>'), labels: i.Labels ?? {} }));
    },
    async putArchive(idOrName, path, tar) {
      await client.getContainer(idOrName).putArchive(tar, { path });
    },
    async getArchive(idOrName, path) {
      return client.getContainer(idOrName).getArchive({ path });
    },
    async execStream(idOrName, argv, onLine, opts = {}) {
      const exec = await client.getContainer(idOrName).exec({
        Cmd: argv,
        Env: opts.env,
        WorkingDir: opts.workingDir,
        AttachStdout: true,
        AttachStderr: true,
      });
      const stream = await exec.start({ hijack: true, stdin: false });
      const out = new PassThrough();
      const err = new PassThrough();
      const o = lineSplitter((l) => onLine(l, 'stdout'));
      const e = lineSplitter((l) => onLine(l, 'stderr'));
      out.on('data', (b: Buffer) => o.push(b));
      err.on('data', (b: Buffer) => e.push(b));
      client.modem.demuxStream(stream, out, err);
      await new Promise<void>((resolve, reject) => {
        stream.on('end', resolve);
        stream.on('close', resolve);
        stream.on('error', reject);
      });
      o.flush();
      e.flush();
      const info = await exec.inspect();
      return info.ExitCode ?? -1;
    },
  };
}
