import type { ProcessHandlers } from '@/lib/processes/registry';
import { runBackup } from './run-backup';
import { runRestore } from './run-restore';

export const backupHandlers = {
  'service.backup': runBackup,
  'service.restore': runRestore,
} satisfies ProcessHandlers;
