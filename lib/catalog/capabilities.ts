import type { CatalogEntry } from './types';

/** What a type allows, so that no layer keeps its own list of type names. */
export interface TypeCapabilities {
  /** Listens on ports its user chooses (a public port may point at any of them). */
  userPorts: boolean;
  /** The HTTP port can be set at creation (runtimes). */
  customHttpPort: boolean;
  /** Runs several identical containers (horizontal scaling); others run one or an HA topology. */
  horizontalScaling: boolean;
  /** Mounts the project's shared storages under /mnt/<hostname>. */
  mountsSharedStorage: boolean;
  /** Is itself a shared storage the project's other services mount. */
  sharedStorage: boolean;
}

export function capabilitiesOf(entry: Pick<CatalogEntry, 'type' | 'category'>): TypeCapabilities {
  const c = entry.category;
  return {
    userPorts: c === 'runtime' || c === 'linux',
    customHttpPort: c === 'runtime',
    horizontalScaling: c === 'runtime' || c === 'static' || c === 'linux',
    mountsSharedStorage: c === 'runtime' || c === 'static' || c === 'linux',
    sharedStorage: c === 'storage' && entry.type === 'shared-storage',
  };
}
