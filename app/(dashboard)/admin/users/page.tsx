import type { Metadata } from 'next';
import { UsersPanel } from '@/components/account/users-panel';
import { Card } from '@/components/ui/card';
import { requireAdminPage } from '@/lib/auth/guards';
import { getDb } from '@/lib/db';
import { listUsers } from '@/lib/db/queries/users';

export const metadata: Metadata = { title: 'Users' };

export default async function UsersPage() {
  const me = await requireAdminPage();
  const users = await listUsers(await getDb());
  return (
    <div className="max-w-4xl space-y-6">
      <h1 className="text-2xl font-semibold">Users</h1>
      <Card>
        <UsersPanel me={me.id} users={users.map((u) => ({ id: u.id, name: u.name, email: u.email, role: u.role, disabled: u.disabled }))} />
      </Card>
    </div>
  );
}
