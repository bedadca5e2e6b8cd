'use client';

import { createUserAction, setUserDisabledAction } from '@/app/(dashboard)/admin/users/actions';
import { ActionForm } from '@/components/projects/action-form';
import { Badge } from '@/components/ui/badge';
import { Button } from '@/components/ui/button';
import { DataTable, type Column } from '@/components/ui/data-table';
import { Field, SelectField } from '@/components/ui/field';

interface UserRow {
  id: string;
  name: string;
  email: string;
  role: string;
  disabled: boolean;
}

const columns = (me: string): Column<UserRow>[] => [
  { header: 'Name', cell: (u) => u.name },
  { header: 'Email', cell: (u) => u.email },
  { header: 'Role', cell: (u) => u.role },
  { header: 'Status', cell: (u) => (u.disabled ? <Badge tone="red">disabled</Badge> : <Badge tone="green">active</Badge>) },
  {
    header: <span className="sr-only">Actions</span>,
    className: 'text-right',
    cell: (u) =>
      u.id !== me && (
        <ActionForm action={setUserDisabledAction} hidden={{ userId: u.id, disabled: String(!u.disabled) }}>
          {(_s, pending) => (
            <Button type="submit" variant="ghost" disabled={pending} aria-label={`${u.disabled ? 'Enable' : 'Disable'} ${u.email}`}>
              {u.disabled ? 'Enable' : 'Disable'}
            </Button>
          )}
        </ActionForm>
      ),
  },
];

export function UsersPanel({ me, users }: { me: string; users: UserRow[] }) {
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
      <DataTable label="Users" columns={columns(me)} rows={users} rowKey={(u) => u.id} />
    </div>
  );
}
