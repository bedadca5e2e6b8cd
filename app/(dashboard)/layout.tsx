import Link from 'next/link';
import type { ReactNode } from 'react';
import { DockerBanner } from '@/components/shell/docker-banner';
import { ThemeToggle } from '@/components/shell/theme-toggle';
import { UserMenu } from '@/components/shell/user-menu';
import { requireUser } from '@/lib/auth/guards';
import { Providers } from '../providers';

export const dynamic = 'force-dynamic';

export default async function DashboardLayout({ children }: { children: ReactNode }) {
  const user = await requireUser();
  return (
    <Providers>
      <header className="border-b border-slate-200 bg-white dark:border-slate-800 dark:bg-slate-900">
        <div className="mx-auto flex max-w-7xl items-center justify-between gap-4 px-6 py-3">
          <nav aria-label="Main" className="flex items-center gap-5 text-sm font-medium">
            <Link href="/projects" className="text-lg font-bold tracking-tight">
              ⚓ Berth
            </Link>
            <Link href="/projects" className="hover:text-indigo-600">
              Projects
            </Link>
            <Link href="/account" className="hover:text-indigo-600">
              Account
            </Link>
            {user.role === 'admin' && (
              <Link href="/admin/users" className="hover:text-indigo-600">
                Users
              </Link>
            )}
          </nav>
          <div className="flex items-center gap-2">
            <ThemeToggle />
            <UserMenu name={user.name} email={user.email} />
          </div>
        </div>
      </header>
      <DockerBanner />
      <main className="mx-auto max-w-7xl px-6 py-8">{children}</main>
    </Providers>
  );
}
