'use client';

import { useActionState } from 'react';
import { Alert } from '@/components/ui/alert';
import { Button } from '@/components/ui/button';
import { Card } from '@/components/ui/card';
import { Field } from '@/components/ui/field';
import { initialActionState } from '@/lib/actions/action-state';
import { createFirstAdminAction } from './actions';

export function SetupForm() {
  const [state, action, pending] = useActionState(createFirstAdminAction, initialActionState);
  const fe = state.fieldErrors ?? {};
  return (
    <Card>
      <h1 className="text-xl font-semibold">Create the first admin</h1>
      <p className="mt-1 text-sm text-slate-500 dark:text-slate-400">
        Berth has no users yet. This account manages users and projects. There is no default password.
      </p>
      <form action={action} className="mt-5 space-y-4" noValidate>
        {state.error && !Object.keys(fe).length && <Alert>{state.error}</Alert>}
        <Field label="Name" name="name" autoComplete="name" defaultValue={state.values?.name} errors={fe.name} />
        <Field label="Email" name="email" type="email" autoComplete="email" defaultValue={state.values?.email} errors={fe.email} />
        <Field label="Password" name="password" type="password" autoComplete="new-password" errors={fe.password} hint="At least 10 characters" />
        <Field label="Confirm password" name="confirm" type="password" autoComplete="new-password" errors={fe.confirm} />
        <Button type="submit" disabled={pending} className="w-full">
          {pending ? 'Creating…' : 'Create admin'}
        </Button>
      </form>
    </Card>
  );
}
