'use server';

import { z } from 'zod';
import { projectAction } from '@/lib/actions/action';
import { deleteBackup, requestBackup, requestRestore, setSchedule } from '@/lib/backups/domain';

/** The Backups section: run now, restore, delete, schedule and retention. */
const ids = { projectId: z.string().min(1), serviceId: z.string().min(1) };

export const runBackupAction = projectAction(z.object(ids), 'write', async (input, { user, db }) => {
  await requestBackup(db, user.id, input.projectId, input.serviceId);
  return { ok: true, data: { message: 'Backing up: the backup appears in the list when it is complete.' } };
});

export const restoreBackupAction = projectAction(z.object({ ...ids, backupId: z.string(), targetServiceId: z.string().min(1) }), 'write', async (input, { user, db }) => {
  await requestRestore(db, user.id, input.projectId, input.targetServiceId, { backupId: input.backupId });
  return { ok: true, data: { message: 'Restoring: the live data is replaced once the backup has loaded.' } };
});

export const deleteBackupAction = projectAction(z.object({ ...ids, backupId: z.string() }), 'write', async (input, { user, db }) => {
  await deleteBackup(db, user.id, input.projectId, input.backupId);
  return { ok: true, data: { message: 'Backup deleted.' } };
});

const optionalInt = z
  .string()
  .default('')
  .transform((v) => (v.trim() === '' ? null : Number(v)));

export const scheduleAction = projectAction(
  z.object({ ...ids, enabled: z.string().optional(), cron: z.string(), timeZone: z.string(), keepLast: optionalInt, keepDays: optionalInt }),
  'write',
  async (input, { user, db }) => {
    await setSchedule(db, user.id, input.projectId, input.serviceId, {
      enabled: input.enabled === 'on',
      cron: input.cron.trim(),
      timeZone: input.timeZone.trim(),
      keepLast: input.keepLast,
      keepDays: input.keepDays,
    });
    return { ok: true, data: { message: 'Schedule saved.' } };
  },
);
