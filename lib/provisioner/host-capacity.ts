import os from 'node:os';
import type { Engine } from './engine';

/** What the engine's host offers: the upper bound of any service's CPU and memory. */
export interface HostCapacity {
  cpus: number;
  memoryBytes: number;
}

let known: HostCapacity | undefined;

/** Asks the engine (its info) once and keeps the answer for the validators. */
export async function learnHostCapacity(engine: Engine): Promise<HostCapacity> {
  known = await engine.engineInfo();
  return known;
}

/** The engine's capacity when learnt, else this machine's (the engine runs on it). */
export function hostCapacity(): HostCapacity {
  return known ?? { cpus: os.availableParallelism(), memoryBytes: os.totalmem() };
}
