import type { Metadata } from 'next';
import { redirect } from 'next/navigation';
import { getDb } from '@/lib/db';
import { countUsers } from '@/lib/db/queries/users';
import { SetupForm } from './setup-form';

export const metadata: Metadata = { title: 'Create the first admin' };
export const dynamic = 'force-dynamic';

export default async function SetupPage() {
  if ((await countUsers(await getDb())) > 0) redirect('/sign-in');
  return <SetupForm />;
}
