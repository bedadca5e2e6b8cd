'use client';

import { useRouter } from 'next/navigation';
import { useState } from 'react';
import { Button } from '@/components/ui/button';
import { signOutSession } from '@/lib/auth/client';

/** Who is signed in, and sign-out (which ends the session cookie and returns to sign-in). */
export function UserMenu({ name, email, role }: { name: string; email: string; role: 'admin' | 'user' }) {
  const router = useRouter();
  const [pending, setPending] = useState(false);
  async function leave() {
    setPending(true);
    // No next-auth redirect: its absolute URL would be NEXTAUTH_URL's host (localhost:3000 when
    // unset), not the one this dashboard was opened on.
    await signOutSession();
    router.replace('/sign-in');
    router.refresh();
  }
  return (
    <div className="flex items-center gap-3">
      <span className="hidden text-right text-sm leading-tight sm:block">
        <span className="block text-slate-700 dark:text-slate-200">{name}</span>
        <span className="block text-xs text-slate-500 dark:text-slate-400">
          {email}
          {role === 'admin' ? ' · admin' : ''}
        </span>
      </span>
      <Button
        variant="secondary"
        disabled={pending}
        onClick={() => void leave()}
      >
        Sign out
      </Button>
    </div>
  );
}
