import type { Engine } from './engine';

const cpus = new WeakMap<Engine, number>();

/** The engine host's CPU count (asked once per engine): the most a container's CPU limit can be. */
export async function hostCpus(engine: Engine): Promise<number> {
  const known = cpus.get(engine);
  if (known !== undefined) return known;
  const n = (await engine.engineInfo()).cpus;
  cpus.set(engine, n);
  return n;
}
