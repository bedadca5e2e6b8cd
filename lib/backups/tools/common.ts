import type { Readable } from 'node:stream';
import type { Engine } from '@/lib/provisioner/engine';

/** The container a backup or restore runs in, with the service's generated variables. */
export interface ToolTarget {
  engine: Engine;
  container: string;
  hostname: string;
  vars: Record<string, string>;
}

/** How one data type is dumped and restored with its own tools, inside its container. */
export interface DataTool {
  tool: string;
  /** argv printing the tool's version. */
  versionArgv: string[];
  /** Streams the dump into `out`. */
  dump(t: ToolTarget, out: NodeJS.WritableStream): Promise<void>;
  /**
   * Loads the dump beside the live data, and replaces the live data only once the load succeeded
   * (`tag` names the staging copy). A failure leaves the live data as it was.
   */
  restore(t: ToolTarget, input: Readable, tag: string, log: (message: string) => Promise<void>): Promise<void>;
}

export class ToolFailed extends Error {}

/** Runs argv in the container; a non-zero exit throws with the program's stderr. */
export async function run(t: ToolTarget, argv: string[], env?: string[], stdin?: string): Promise<string> {
  const r = await t.engine.exec(t.container, argv, { env, stdin });
  if (r.exitCode !== 0) throw new ToolFailed(`${argv[0]} exited with ${r.exitCode}: ${(r.stderr || r.stdout).trim().slice(0, 2000)}`);
  return r.stdout;
}

/** Runs argv with streamed stdin/stdout; a non-zero exit throws with the program's stderr. */
export async function pipe(t: ToolTarget, argv: string[], opts: { env?: string[]; stdin?: Readable; stdout?: NodeJS.WritableStream }): Promise<void> {
  const r = await t.engine.execPipe(t.container, argv, opts);
  if (r.exitCode !== 0) throw new ToolFailed(`${argv[0]} exited with ${r.exitCode}: ${r.stderr.slice(0, 2000)}`);
}

export function need(vars: Record<string, string>, key: string): string {
  const v = vars[key];
  if (!v) throw new ToolFailed(`the service has no ${key} variable`);
  return v;
}
