import type Docker from 'dockerode';
import { Writable, type Duplex } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type { PipeExecOptions, PipeExecResult } from '../engine';

const STDERR_KEEP = 64 * 1024;

/**
 * Splits Docker's multiplexed exec output (8-byte frame headers) into stdout, written to `sink`
 * with backpressure (the engine is read no faster than the sink drains), and stderr, kept
 * (bounded) for error messages.
 */
class Demux extends Writable {
  private pending: Buffer = Buffer.alloc(0);
  stderr = '';
  constructor(private readonly sink: NodeJS.WritableStream | undefined) {
    super();
  }
  override _write(chunk: Buffer, _enc: BufferEncoding, done: (err?: Error | null) => void): void {
    this.pending = this.pending.length ? Buffer.concat([this.pending, chunk]) : chunk;
    const out: Buffer[] = [];
    while (this.pending.length >= 8) {
      const size = this.pending.readUInt32BE(4);
      if (this.pending.length < 8 + size) break;
      const payload = this.pending.subarray(8, 8 + size);
      if (this.pending[0] === 2) {
        if (this.stderr.length < STDERR_KEEP) this.stderr += payload.toString('utf8');
      } else out.push(payload);
      this.pending = this.pending.subarray(8 + size);
    }
    const sink = this.sink;
    // A sink that failed (or was closed) no longer takes output: the rest is read and dropped.
    if (!out.length || !sink || ('destroyed' in sink && sink.destroyed)) return done();
    if (sink.write(Buffer.concat(out))) return done();
    const go = () => {
      sink.removeListener('drain', go);
      sink.removeListener('close', go);
      done();
    };
    sink.once('drain', go);
    sink.once('close', go);
  }
}

/** Starts argv in the container with stdout and stderr attached (and stdin when asked): the exec and its multiplexed stream. */
export async function attachedExec(client: Docker, idOrName: string, argv: string[], opts: { env?: string[]; stdin: boolean }) {
  const exec = await client.getContainer(idOrName).exec({ Cmd: argv, Env: opts.env, AttachStdout: true, AttachStderr: true, AttachStdin: opts.stdin });
  const stream = await exec.start({ hijack: true, stdin: opts.stdin });
  return { exec, stream };
}

/** Runs argv in the container with stdin from `opts.stdin` and stdout into `opts.stdout`, both streamed. */
export async function execPipe(client: Docker, idOrName: string, argv: string[], opts: PipeExecOptions): Promise<PipeExecResult> {
  const { exec, stream } = await attachedExec(client, idOrName, argv, { env: opts.env, stdin: opts.stdin !== undefined });
  const demux = new Demux(opts.stdout);
  const feeding = opts.stdin ? feed(opts.stdin, stream as Duplex) : Promise.resolve();
  // The engine's stream ends when the program exits (its output is complete then).
  await Promise.all([pipeline(stream, demux), feeding]);
  const info = await exec.inspect();
  return { exitCode: info.ExitCode ?? -1, stderr: demux.stderr.trim() };
}

/** Copies `source` into the exec's stdin, then half-closes it so the program sees end of input. */
async function feed(source: NodeJS.ReadableStream, target: Duplex): Promise<void> {
  try {
    for await (const chunk of source) {
      if (!target.write(chunk)) await new Promise<void>((resolve) => target.once('drain', () => resolve()));
    }
    target.end();
  } catch (err) {
    // The input failed: close the connection so the program sees its input end and exits.
    target.destroy();
    throw err;
  }
}
