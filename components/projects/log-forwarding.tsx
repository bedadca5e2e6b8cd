'use client';

import { setLogForwardingAction } from '@/app/(dashboard)/projects/[projectId]/actions';
import { Button } from '@/components/ui/button';
import { Field } from '@/components/ui/field';
import { ActionForm } from './action-form';

/** Forward the project's logs to a syslog endpoint (UDP); an empty host turns it off. */
export function LogForwarding({ projectId, current }: { projectId: string; current?: { host: string; port: number } }) {
  return (
    <ActionForm action={setLogForwardingAction} hidden={{ projectId }} className="grid items-end gap-2 sm:grid-cols-[2fr_1fr_auto]">
      {(state, pending) => (
        <>
          <Field label="Syslog host (UDP)" name="host" defaultValue={current?.host} placeholder="logs.example.com" errors={state.fieldErrors?.host} />
          <Field label="Syslog port" name="port" type="number" defaultValue={current ? String(current.port) : '514'} errors={state.fieldErrors?.port} />
          <Button type="submit" variant="secondary" disabled={pending}>Save forwarding</Button>
        </>
      )}
    </ActionForm>
  );
}
