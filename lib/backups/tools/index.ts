import type { DataTool } from './common';
import { mariadbTool } from './mariadb';
import { postgresqlTool } from './postgresql';
import { rabbitmqTool } from './rabbitmq';
import { sharedStorageTool } from './shared-storage';

const tools: Record<string, DataTool> = {
  postgresql: postgresqlTool,
  mariadb: mariadbTool,
  rabbitmq: rabbitmqTool,
  'shared-storage': sharedStorageTool,
};

/** The backup tool of a catalog type, or undefined when the type is not backed up. */
export const toolFor = (type: string): DataTool | undefined => tools[type];
export const backupTypes = Object.keys(tools);
export type { DataTool, ToolTarget } from './common';
