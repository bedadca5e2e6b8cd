import Link from 'next/link';
import type { ReactNode } from 'react';
import { DockerBanner } from '@/components/shell/docker-banner';
import { NavLinks } from '@/components/shell/nav-links';
import { ThemeToggle } from '@/components/shell/theme-toggle';
import { UserMenu } from '@/components/shell/user-menu';
import { requireUser } from '@/lib/auth/guards';
import { Providers } from '../providers';

export const dynamic = 'force-dynamic';

/** The dashboard chrome: signed-in users only (each page checks again), Docker banner on every page. */
export default async function DashboardLayout({ children }: { children: ReactNode }) {
  const user = await requireUser();
  return (
    <Providers>
      <a
        href="#main"
        className="sr-only rounded-md bg-white px-3 py-2 text-sm focus:not-sr-only focus:absolute focus:top-2 focus:left-2 focus:z-50 dark:bg-slate-900"
      >
        Skip to content
      </a>
      <header className="border-b border-slate-200 bg-white dark:border-slate-800 dark:bg-slate-900">
        <div className="mx-auto flex max-w-7xl items-center justify-between gap-4 px-6 py-3">
          <nav aria-label="Main" className="flex items-center gap-5 text-sm font-medium">
            <Link href="/projects" className="flex items-center gap-2 text-lg font-bold tracking-tight">
              {/* A plain img: an SVG gains nothing from next/image's optimizer. */}
              {/* eslint-disable-next-line @next/next/no-img-element */}
              <img src="/logo.svg" alt="" width={24} height={24} />
              Berth
            </Link>
            <NavLinks isAdmin={user.role === 'admin'} />
          </nav>
          <div className="flex items-center gap-2">
            <ThemeToggle />
            <UserMenu name={user.name} email={user.email} role={user.role} />
          </div>
        </div>
      </header>
      <DockerBanner />
      <main id="main" className="mx-auto max-w-7xl px-6 py-8">
        {children}
      </main>
    </Providers>
  );
}
