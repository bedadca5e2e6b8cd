import { registerHandler } from '@/lib/processes/registry';
import { runBackup } from './run-backup';
import { runRestore } from './run-restore';

export function registerBackupHandlers(): void {
  registerHandler('service.backup', runBackup);
  registerHandler('service.restore', runRestore);
}
