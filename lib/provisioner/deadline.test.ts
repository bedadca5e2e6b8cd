import { describe, expect, it } from 'vitest';
import { boundedEngine, DeadlineExceeded, withDeadline } from './deadline';
import { memoryEngine } from './testing/memory-engine';

describe('deadlines', () => {
  it('withDeadline passes a result through and rejects a call that never settles', async () => {
    expect(await withDeadline(Promise.resolve(7), 50, () => 'late')).toBe(7);
    await expect(withDeadline(new Promise(() => {}), 30, () => 'late')).rejects.toThrow(DeadlineExceeded);
  });

  it('boundedEngine ends a hung call at the deadline, and refuses calls after it', async () => {
    const { engine } = memoryEngine();
    const hung = { ...engine, stopContainer: () => new Promise<void>(() => {}) };
    const rt = boundedEngine(hung, Date.now() + 80, 80);
    expect(await rt.listContainers({})).toEqual([]);
    await expect(rt.stopContainer('c1')).rejects.toThrow(/Deadline of 80 ms passed during stopping c1/);
    await expect(rt.listContainers({})).rejects.toThrow(/passed before listing containers/);
  });
});
