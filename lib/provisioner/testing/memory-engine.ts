import type { Engine } from '../engine';
import type { ObservedContainer } from '../spec';

/**
 * An in-memory engine for unit tests of reconcile (integration tests use the real engine).
 * Only what the reconciler calls is implemented; anything else throws.
 */
export function memoryEngine() {
  let seq = 0;
  const containers = new Map<string, ObservedContainer>();
  const networks = new Map<string, { id: string; name: string; labels: Record<string, string>; ipv6?: { subnet: string } }>();
  const volumes = new Map<string, { name: string; labels: Record<string, string> }>();
  const calls: string[] = [];
  const match = (labels: Record<string, string>, filter: Record<string, string>) => Object.entries(filter).every(([k, v]) => labels[k] === v);
  const unsupported = () => Promise.reject(new Error('not supported by memoryEngine'));
  const engine: Engine = {
    listContainers: async (f) => [...containers.values()].filter((c) => match(c.labels, f)).map((c) => ({ ...c })),
    listNetworks: async (f) => [...networks.values()].filter((n) => match(n.labels, f)).map(({ id, name, labels }) => ({ id, name, labels })),
    listVolumes: async (f) => [...volumes.values()].filter((v) => match(v.labels, f)),
    async createNetwork(name, labels, opts) {
      calls.push(`createNetwork ${name}${opts?.ipv6 ? ` ipv6 ${opts.ipv6.subnet}` : ''}`);
      if (![...networks.values()].some((n) => n.name === name)) networks.set(`n${++seq}`, { id: `n${seq}`, name, labels, ...(opts?.ipv6 ? { ipv6: opts.ipv6 } : {}) });
    },
    async inspectNetwork(idOrName) {
      const n = networks.get(idOrName) ?? [...networks.values()].find((x) => x.name === idOrName);
      return n && { id: n.id, name: n.name, enableIpv6: Boolean(n.ipv6), subnets: ['172.30.0.0/16', ...(n.ipv6 ? [n.ipv6.subnet] : [])], containers: {} };
    },
    async createVolume(name, labels) {
      calls.push(`createVolume ${name}`);
      volumes.set(name, { name, labels });
    },
    async createContainer(spec, labels) {
      calls.push(`createContainer ${spec.name}`);
      const id = `c${++seq}`;
      containers.set(id, { id, name: spec.name, labels, state: spec.running ? 'running' : 'created', restartCount: 0 });
      return id;
    },
    async startContainer(id) {
      calls.push(`startContainer ${id}`);
      const c = containers.get(id);
      if (c) c.state = 'running';
    },
    async stopContainer(id) {
      calls.push(`stopContainer ${id}`);
      const c = containers.get(id);
      if (c) c.state = 'exited';
    },
    async killContainer(id) {
      const c = containers.get(id);
      if (c) c.state = 'exited';
    },
    async removeContainer(id) {
      calls.push(`removeContainer ${id}`);
      containers.delete(id);
    },
    async removeVolume(name) {
      calls.push(`removeVolume ${name}`);
      volumes.delete(name);
    },
    async removeNetwork(id) {
      calls.push(`removeNetwork ${id}`);
      networks.delete(id);
    },
    inspectContainer: unsupported,
    exec: unsupported,
    logs: unsupported,
    stats: unsupported,
    async updateContainer(id, l) {
      calls.push(`updateContainer ${id} ${l.nanoCpus} ${l.memoryBytes}`);
      if (![...containers.values()].some((c) => c.id === id || c.name === id)) throw new Error(`no container ${id}`);
    },
    engineInfo: async () => ({ cpus: 4, memoryBytes: 8 * 1024 ** 3 }),
    watchEvents: unsupported,
    imageExists: unsupported,
    commitContainer: unsupported,
    removeImage: unsupported,
    listImages: unsupported,
    putArchive: unsupported,
    getArchive: unsupported,
    execStream: unsupported,
    execPipe: unsupported,
  };
  return { engine, containers, networks, volumes, calls };
}
