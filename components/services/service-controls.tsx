'use client';

import { useState } from 'react';
import { scaleServiceAction, serviceCommandAction } from '@/app/(dashboard)/projects/[projectId]/services/[serviceId]/actions';
import { ActionForm } from '@/components/projects/action-form';
import { Button } from '@/components/ui/button';
import { Dialog } from '@/components/ui/dialog';
import { Field } from '@/components/ui/field';

interface Target {
  projectId: string;
  serviceId: string;
}

/** Start, stop or restart: each queues a process that the page then shows live. */
export function ServiceCommand({ projectId, serviceId, command, label, disabled }: Target & { command: 'start' | 'stop' | 'restart'; label: string; disabled?: boolean }) {
  return (
    <ActionForm action={serviceCommandAction} hidden={{ projectId, serviceId, command }}>
      {(_s, pending) => (
        <Button type="submit" variant="secondary" disabled={pending || disabled}>
          {label}
        </Button>
      )}
    </ActionForm>
  );
}

/** Start, stop, restart, scale and delete, each a process. */
export function ServiceControls(
  props: Target & { hostname: string; running: boolean; scaling?: { min: number; max: number }; containerCount: number; backupCount?: number },
) {
  const [confirm, setConfirm] = useState(false);
  const hidden = { projectId: props.projectId, serviceId: props.serviceId };
  return (
    <div className="flex flex-wrap items-end gap-2">
      {props.running ? <ServiceCommand {...hidden} command="stop" label="Stop" /> : <ServiceCommand {...hidden} command="start" label="Start" />}
      <ServiceCommand {...hidden} command="restart" label="Restart" />
      {props.scaling && (
        <ActionForm action={scaleServiceAction} hidden={hidden} className="flex items-end gap-2">
          {(state, pending) => (
            <>
              <div className="w-28">
                <Field
                  label="Containers"
                  name="containerCount"
                  type="number"
                  min={props.scaling!.min}
                  max={props.scaling!.max}
                  defaultValue={String(props.containerCount)}
                  errors={state.fieldErrors?.containerCount}
                />
              </div>
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
        <p className="text-sm">
          Its containers and volumes (all of its data) are removed, and its public ports and domains closed. Other services that reference its
          variables keep the literal references. This cannot be undone.
        </p>
        <div className="mt-4 flex justify-end gap-2">
          <Button variant="secondary" onClick={() => setConfirm(false)}>
            Keep service
          </Button>
          <ActionForm action={serviceCommandAction} hidden={{ ...hidden, command: 'delete' }} className="flex flex-col items-end gap-3">
            {(_s, pending) => (
              <>
                {props.backupCount !== undefined && props.backupCount > 0 && (
                  <label className="flex items-start gap-2 text-sm">
                    <input type="checkbox" name="keepBackups" defaultChecked className="mt-1" />
                    <span>Keep its {props.backupCount} backup(s) (restorable into a new service; untick to delete them too)</span>
                  </label>
                )}
                <Button type="submit" variant="danger" disabled={pending}>
                  Delete forever
                </Button>
              </>
            )}
          </ActionForm>
        </div>
      </Dialog>
    </div>
  );
}
