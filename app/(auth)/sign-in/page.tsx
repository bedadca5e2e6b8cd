import type { Metadata } from 'next';
import { redirect } from 'next/navigation';
import { auth } from '@/lib/auth';
import { getDb } from '@/lib/db';
import { countUsers } from '@/lib/db/queries/users';
import { SignInForm } from './sign-in-form';

export const metadata: Metadata = { title: 'Sign in' };
export const dynamic = 'force-dynamic';

export default async function SignInPage({ searchParams }: { searchParams: Promise<Record<string, string | undefined>> }) {
  if ((await countUsers(await getDb())) === 0) redirect('/setup');
  if (await auth()) redirect('/projects');
  const params = await searchParams;
  // Only paths on this site: `//host` and `/\host` would leave it (an open redirect).
  const asked = params.callbackUrl ?? '';
  const callbackUrl = /^\/(?![/\\])/.test(asked) ? asked : '/projects';
  return <SignInForm callbackUrl={callbackUrl} created={params.created === '1'} />;
}
