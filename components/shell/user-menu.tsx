'use client';

import { signOut } from 'next-auth/react';
import { Button } from '@/components/ui/button';

export function UserMenu({ name, email }: { name: string; email: string }) {
  return (
    <div className="flex items-center gap-3">
      <span className="hidden text-sm text-slate-600 sm:inline dark:text-slate-300" title={email}>
        {name}
      </span>
      <Button variant="secondary" onClick={() => signOut({ callbackUrl: '/sign-in' })}>
        Sign out
      </Button>
    </div>
  );
}
