'use client';

import { useState } from 'react';
import { scaleServiceAction, serviceCommandAction } from '@/app/(dashboard)/projects/[projectId]/actions';
import { ActionForm } from '@/components/projects/action-form';
import { Button } from '@/components/ui/button';
import { Dialog } from '@/components/ui/dialog';
import { Field } from '@/components/ui/field';

/** Start, stop, restart, scale and delete, each a process. */
export function ServiceControls(props: { projectId: string; serviceId: string; hostname: string; running: boolean; scalable: boolean; containerCount: number }) {
  const [confirm, setConfirm] = useState(false);
  const hidden = { projectId: props.projectId, serviceId: props.serviceId };
  const command = (name: 'start' | 'stop' | 'restart', label: string) => (
    <ActionForm action={serviceCommandAction} hidden={{ ...hidden, command: name }}>
      {(_s, pending) => (
        <Button type="submit" variant="secondary" disabled={pending}>
          {label}
        </Button>
      )}
    </ActionForm>
  );
  return (
    <div className="flex flex-wrap items-end gap-2">
      {props.running ? command('stop', 'Stop') : command('start', 'Start')}
      {command('restart', 'Restart')}
      {props.scalable && (
        <ActionForm action={scaleServiceAction} hidden={hidden} className="flex items-end gap-2">
          {(state, pending) => (
            <>
              <Field label="Containers" name="containerCount" type="number" min={1} max={10} defaultValue={String(props.containerCount)} errors={state.fieldErrors?.containerCount} className="w-24 rounded-md border border-slate-300 px-2 py-2 text-sm dark:border-slate-700 dark:bg-slate-900" />
              <Button type="submit" variant="secondary" disabled={pending}>
                Scale
              </Button>
            </>
          )}
        </ActionForm>
      )}
      <Button variant="danger" onClick={() => setConfirm(true)}>
        Delete service
      </Button>
      <Dialog open={confirm} onClose={() => setConfirm(false)} title={`Delete ${props.hostname}?`}>
        <p className="text-sm">Its containers and volumes (all of its data) are removed. Other services referencing its variables keep the literal references.</p>
        <div className="mt-4 flex justify-end gap-2">
          <Button variant="secondary" onClick={() => setConfirm(false)}>
            Keep service
          </Button>
          <ActionForm action={serviceCommandAction} hidden={{ ...hidden, command: 'delete' }}>
            {(_s, pending) => (
              <Button type="submit" variant="danger" disabled={pending}>
                Delete forever
              </Button>
            )}
          </ActionForm>
        </div>
      </Dialog>
    </div>
  );
}
