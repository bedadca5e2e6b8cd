import { markIntendedStop } from './intended';
import { L, withInstance } from './labels';
import type { Engine } from './engine';
import type { Step } from './steps';

type Executor<A extends Step['action']> = (engine: Engine, step: Extract<Step, { action: A }>) => Promise<void>;

/** One executor per step kind; every one is idempotent (re-running a done step changes nothing). */
const executors: { [A in Step['action']]: Executor<A> } = {
  createNetwork: (rt, s) => rt.createNetwork(s.target.name, withInstance(s.target.labels), s.target.ipv6 ? { ipv6: s.target.ipv6 } : undefined),
  createVolume: (rt, s) => rt.createVolume(s.target.name, withInstance(s.target.labels)),
  createContainer: async (rt, s) => {
    await rt.createContainer(s.target, withInstance({ ...s.target.labels, [L.specHash]: s.hash }));
  },
  startContainer: (rt, s) => rt.startContainer(s.current.id),
  stopContainer: (rt, s) => {
    markIntendedStop(s.current.name);
    return rt.stopContainer(s.current.id);
  },
  removeContainer: (rt, s) => {
    markIntendedStop(s.current.name);
    return rt.removeContainer(s.current.id);
  },
  removeVolume: (rt, s) => rt.removeVolume(s.current.name),
  removeNetwork: (rt, s) => rt.removeNetwork(s.current.id),
};

export function applyStep(engine: Engine, s: Step): Promise<void> {
  return (executors[s.action] as Executor<Step['action']>)(engine, s);
}
