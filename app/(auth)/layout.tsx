import type { ReactNode } from 'react';

export default function AuthLayout({ children }: { children: ReactNode }) {
  return (
    <main className="flex min-h-screen items-center justify-center px-4 py-12">
      <div className="w-full max-w-md space-y-6">
        <div className="text-center">
          <p className="flex items-center justify-center gap-2 text-2xl font-bold tracking-tight">
            {/* eslint-disable-next-line @next/next/no-img-element */}
            <img src="/logo.svg" alt="" width={28} height={28} />
            Berth
          </p>
          <p className="text-sm text-slate-500 dark:text-slate-400">Projects, services and containers on your own Docker</p>
        </div>
        {children}
      </div>
    </main>
  );
}
