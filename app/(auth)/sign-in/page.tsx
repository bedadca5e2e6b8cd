import type { Metadata } from 'next';
import { redirect } from 'next/navigation';
import { auth } from '@/lib/auth';
import { safeCallbackUrl } from '@/lib/auth/callback-url';
import { getDb } from '@/lib/db';
import { countUsers } from '@/lib/db/queries/users';
import { SignInForm } from './sign-in-form';

export const metadata: Metadata = { title: 'Sign in' };
export const dynamic = 'force-dynamic';

export default async function SignInPage({ searchParams }: { searchParams: Promise<Record<string, string | undefined>> }) {
  if ((await countUsers(await getDb())) === 0) redirect('/setup');
  const params = await searchParams;
  if (await auth()) redirect(safeCallbackUrl(params.callbackUrl));
  const callbackUrl = safeCallbackUrl(params.callbackUrl);
  return <SignInForm callbackUrl={callbackUrl} created={params.created === '1'} />;
}
