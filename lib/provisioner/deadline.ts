import type { Engine } from './engine';

/** An engine call (or a wait on one) did not settle in time; the caller treats it as a failure. */
export class DeadlineExceeded extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'DeadlineExceeded';
  }
}

/**
 * Settles with `work`, or rejects with DeadlineExceeded once `ms` pass. The engine may still finish
 * the call later; the caller has moved on (its lock is released, its process has failed).
 */
export function withDeadline<T>(work: Promise<T>, ms: number, message: () => string): Promise<T> {
  if (!Number.isFinite(ms)) return work;
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new DeadlineExceeded(message())), Math.max(0, ms));
    timer.unref?.();
  });
  return Promise.race([work, late]).finally(() => clearTimeout(timer));
}

const seconds = (ms: number) => (ms >= 1000 ? `${Math.round(ms / 1000)} s` : `${ms} ms`);

/**
 * The same engine, but no call outlives `deadline` (epoch ms): a process's own deadline aborts
 * it in the middle of a step instead of at the next step boundary.
 */
export function boundedEngine(engine: Engine, deadline: number, budgetMs: number): Engine {
  const bound = <T>(what: string, call: () => Promise<T>): Promise<T> => {
    const left = deadline - Date.now();
    if (left <= 0) return Promise.reject(new DeadlineExceeded(`Deadline of ${seconds(budgetMs)} passed before ${what}`));
    return withDeadline(call(), left, () => `Deadline of ${seconds(budgetMs)} passed during ${what}`);
  };
  return {
    listContainers: (labels) => bound('listing containers', () => engine.listContainers(labels)),
    listNetworks: (labels) => bound('listing networks', () => engine.listNetworks(labels)),
    listVolumes: (labels) => bound('listing volumes', () => engine.listVolumes(labels)),
    createNetwork: (name, labels, opts) => bound(`creating network ${name}`, () => engine.createNetwork(name, labels, opts)),
    inspectNetwork: (idOrName) => bound(`inspecting network ${idOrName}`, () => engine.inspectNetwork(idOrName)),
    createVolume: (name, labels) => bound(`creating volume ${name}`, () => engine.createVolume(name, labels)),
    createContainer: (spec, labels) => bound(`creating container ${spec.name}`, () => engine.createContainer(spec, labels)),
    startContainer: (id) => bound(`starting ${id}`, () => engine.startContainer(id)),
    stopContainer: (id, t) => bound(`stopping ${id}`, () => engine.stopContainer(id, t)),
    killContainer: (id, signal) => bound(`killing ${id}`, () => engine.killContainer(id, signal)),
    removeContainer: (id, t) => bound(`removing ${id}`, () => engine.removeContainer(id, t)),
    removeVolume: (name) => bound(`removing volume ${name}`, () => engine.removeVolume(name)),
    removeNetwork: (id) => bound(`removing network ${id}`, () => engine.removeNetwork(id)),
    inspectContainer: (id) => bound(`inspecting ${id}`, () => engine.inspectContainer(id)),
    exec: (id, argv, opts) => bound(`running ${argv[0] ?? 'a program'} in ${id}`, () => engine.exec(id, argv, opts)),
    logs: (id, opts) => bound(`reading logs of ${id}`, () => engine.logs(id, opts)),
    stats: (id) => bound(`reading stats of ${id}`, () => engine.stats(id)),
    imageExists: (ref) => bound(`looking up image ${ref}`, () => engine.imageExists(ref)),
    commitContainer: (id, ref, changes) => bound(`committing ${id} as ${ref}`, () => engine.commitContainer(id, ref, changes)),
    removeImage: (ref, force) => bound(`removing image ${ref}`, () => engine.removeImage(ref, force)),
    listImages: (labels) => bound('listing images', () => engine.listImages(labels)),
    putArchive: (id, path, tar) => bound(`copying files into ${id}`, () => engine.putArchive(id, path, tar)),
    getArchive: (id, path) => bound(`reading files from ${id}`, () => engine.getArchive(id, path)),
    execPipe: (id, argv, opts) => bound(`running ${argv[0] ?? 'a program'} in ${id}`, () => engine.execPipe(id, argv, opts)),
    execStream: (id, argv, onLine, opts) => bound(`running ${argv[0] ?? 'a program'} in ${id}`, () => engine.execStream(id, argv, onLine, opts)),
    updateContainer: (id, limits) => bound(`changing the limits of ${id}`, () => engine.updateContainer(id, limits)),
    engineInfo: () => bound('reading the engine info', () => engine.engineInfo()),
    watchEvents: (onEvent, onError) => bound('subscribing to events', () => engine.watchEvents(onEvent, onError)),
  };
}
