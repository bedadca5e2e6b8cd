import { backupHandlers } from '@/lib/backups/handlers';
import { coreHandlers } from '@/lib/core/handlers';
import { deployHandlers } from '@/lib/deploy/handler';
import { importHandlers } from '@/lib/import/handler';
import type { ProcessAction } from '../enqueue';
import type { ProcessHandler } from '../registry';
import { projectHandlers } from './project';
import { serviceHandlers } from './service';

/** Every process action's handler: an action without one is a type error here. */
export const processHandlers: Record<ProcessAction, ProcessHandler> = {
  ...projectHandlers,
  ...serviceHandlers,
  ...coreHandlers,
  ...deployHandlers,
  ...importHandlers,
  ...backupHandlers,
};
