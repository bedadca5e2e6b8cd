import { baseVars, httpHealth, plain, replicas, sharedMountsOf } from '../helpers';
import type { CatalogEntry, GenerateContext } from '../types';

interface RuntimeDef {
  type: string;
  displayName: string;
  port: number;
  versions: CatalogEntry['versions'];
}

/** Runtimes are partially managed: no HA mode, 1–10 identical containers instead (spec §2.2). */
function runtime(def: RuntimeDef): CatalogEntry {
  return {
    type: def.type,
    displayName: def.displayName,
    category: 'runtime',
    managed: 'partial',
    versions: def.versions,
    ports: [{ port: def.port, protocol: 'tcp', http: true, name: 'http' }],
    volumes: [],
    resources: { cpu: 0.5, memoryMb: 256 },
    ha: null,
    scaling: { min: 1, max: 10 },
    generate: (ctx: GenerateContext) => ({ ...baseVars(ctx), port: plain(def.port) }),
    containersFor: (input) =>
      replicas(input, def.versions, {
        env: { PORT: String(input.port ?? def.port) },
        volumes: sharedMountsOf(input),
        healthCheck: httpHealth(input.port ?? def.port),
      }),
  };
}

export const nodejs = runtime({
  type: 'nodejs',
  displayName: 'Node.js',
  port: 3000,
  versions: [{ version: '18', default: true, images: { local: 'berth/nodejs:18', official: 'node:18' } }],
});

export const python = runtime({
  type: 'python',
  displayName: 'Python',
  port: 8000,
  versions: [{ version: '3.11', default: true, images: { local: 'berth/python:3.11', official: 'python:3.11' } }],
});

export const go = runtime({
  type: 'go',
  displayName: 'Go',
  port: 8080,
  versions: [{ version: '1.19', default: true, images: { local: 'berth/go:1.19', official: 'golang:1.19' } }],
});

export const phpNginx = runtime({
  type: 'php-nginx',
  displayName: 'PHP + nginx',
  port: 80,
  versions: [{ version: '8.2', default: true, images: { local: 'berth/php-nginx:8.2', official: 'php:8.2-fpm' } }],
});
