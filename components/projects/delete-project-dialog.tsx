'use client';

import { useState } from 'react';
import { deleteProjectAction } from '@/app/(dashboard)/projects/[projectId]/actions';
import { Button } from '@/components/ui/button';
import { Dialog } from '@/components/ui/dialog';
import { Field } from '@/components/ui/field';
import { ActionForm } from './action-form';

export function DeleteProjectDialog({ projectId, name, serviceCount }: { projectId: string; name: string; serviceCount: number }) {
  const [open, setOpen] = useState(false);
  return (
    <>
      <Button variant="danger" onClick={() => setOpen(true)}>
        Delete project
      </Button>
      <Dialog open={open} onClose={() => setOpen(false)} title={`Delete ${name}?`}>
        <ActionForm action={deleteProjectAction} hidden={{ projectId }} className="space-y-4">
          {(state, pending) => (
            <>
              <p className="text-sm">
                This removes the project&apos;s {serviceCount} service(s) with every container, volume (all data) and its network, its core and its
                address. It cannot be undone.
              </p>
              <label className="flex items-start gap-2 text-sm">
                <input type="checkbox" name="keepBackups" defaultChecked className="mt-1" />
                <span>Keep the project&apos;s backups (they stay restorable into a service of another project; untick to delete them too)</span>
              </label>
              <Field label={`Type ${name} to confirm`} name="confirm" errors={state.fieldErrors?.confirm} autoComplete="off" />
              <div className="flex justify-end gap-2">
                <Button variant="secondary" onClick={() => setOpen(false)}>
                  Keep project
                </Button>
                <Button type="submit" variant="danger" disabled={pending}>
                  Delete forever
                </Button>
              </div>
            </>
          )}
        </ActionForm>
      </Dialog>
    </>
  );
}
