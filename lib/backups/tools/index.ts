import type { DataTool } from './common';
import { mariadbTool } from './mariadb';
import { objectStorageTool } from './object-storage';
import { postgresqlTool } from './postgresql';
import { rabbitmqTool } from './rabbitmq';
import { redisTool } from './redis';
import { sharedStorageTool } from './shared-storage';

const tools: Record<string, DataTool> = {
  postgresql: postgresqlTool,
  mariadb: mariadbTool,
  rabbitmq: rabbitmqTool,
  'shared-storage': sharedStorageTool,
  redis: redisTool,
  valkey: redisTool,
  'object-storage': objectStorageTool,
};

/** The backup tool of a catalog type, or undefined when the type is not backed up. */
export const toolFor = (type: string): DataTool | undefined => tools[type];
export const backupTypes = Object.keys(tools);
export type { DataTool, ToolTarget } from './common';

const extensions: Record<string, string> = { postgresql: 'pgdump', mariadb: 'sql', rabbitmq: 'json', 'shared-storage': 'tar', redis: 'rdb', valkey: 'rdb', 'object-storage': 'tar' };

/** The download's file name: hostname, time and the dump's own extension. */
export function dumpFileName(b: { serviceHostname: string; serviceType: string; createdAt: Date }): string {
  return `${b.serviceHostname}-${b.createdAt.toISOString().replace(/[:.]/g, '-')}.${extensions[b.serviceType] ?? 'bin'}`;
}
