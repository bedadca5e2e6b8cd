'use client';

import { createUserAction, setUserDisabledAction } from '@/app/(dashboard)/admin/users/actions';
import { ActionForm } from '@/components/projects/action-form';
import { Badge } from '@/components/ui/badge';
import { Button } from '@/components/ui/button';
import { Field, SelectField } from '@/components/ui/field';

export function UsersPanel({ me, users }: { me: string; users: { id: string; name: string; email: string; role: string; disabled: boolean }[] }) {
  return (
    <div className="space-y-6">
      <ActionForm action={createUserAction} hidden={{}} className="grid items-end gap-2 sm:grid-cols-5">
        {(state, pending) => (
          <>
            <Field label="Name" name="name" errors={state.fieldErrors?.name} defaultValue={state.ok ? '' : state.values?.name} />
            <Field label="Email" name="email" type="email" errors={state.fieldErrors?.email} defaultValue={state.ok ? '' : state.values?.email} />
            <Field label="Initial password" name="password" type="password" errors={state.fieldErrors?.password} autoComplete="new-password" />
            <SelectField label="Role" name="role" defaultValue="user">
              <option value="user">user</option>
              <option value="admin">admin</option>
            </SelectField>
            <Button type="submit" disabled={pending}>Create user</Button>
          </>
        )}
      </ActionForm>
      <table className="w-full text-sm">
        <thead><tr className="text-left text-xs text-slate-500"><th>Name</th><th>Email</th><th>Role</th><th>Status</th><th className="sr-only">Actions</th></tr></thead>
        <tbody>
          {users.map((u) => (
            <tr key={u.id} className="border-t border-slate-100 dark:border-slate-800">
              <td className="py-1.5">{u.name}</td>
              <td>{u.email}</td>
              <td>{u.role}</td>
              <td>{u.disabled ? <Badge tone="red">disabled</Badge> : <Badge tone="green">active</Badge>}</td>
              <td className="text-right">
                {u.id !== me && (
                  <ActionForm action={setUserDisabledAction} hidden={{ userId: u.id, disabled: String(!u.disabled) }}>
                    {(_s, pending) => (
                      <Button type="submit" variant="ghost" disabled={pending} aria-label={`${u.disabled ? 'Enable' : 'Disable'} ${u.email}`}>
                        {u.disabled ? 'Enable' : 'Disable'}
                      </Button>
                    )}
                  </ActionForm>
                )}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
