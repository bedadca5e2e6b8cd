import type { Metadata } from 'next';
import { TokensPanel } from '@/components/account/tokens-panel';
import { Card } from '@/components/ui/card';
import { requireUser } from '@/lib/auth/guards';
import { getDb } from '@/lib/db';
import { listApiTokens } from '@/lib/domain/api-tokens';

export const metadata: Metadata = { title: 'Account' };

export default async function AccountPage() {
  const user = await requireUser();
  const tokens = await listApiTokens(await getDb(), user.id);
  return (
    <div className="max-w-4xl space-y-6">
      <h1 className="text-2xl font-semibold">Account</h1>
      <Card>
        <p className="text-sm">
          Signed in as <strong>{user.name}</strong> ({user.email}), {user.role}.
        </p>
      </Card>
      <Card>
        <h2 className="text-lg font-semibold">Internal certificate authority</h2>
        <p className="mt-1 text-sm text-slate-500">
          Berth signs HTTPS certificates for project subdomains with its own CA. Trust its root in your browser or system to open them without warnings.
        </p>
        <a href="/api/ca" className="mt-3 inline-block rounded-md border border-slate-300 px-3 py-2 text-sm font-medium dark:border-slate-700" download>
          Download the CA root (berth-root-ca.crt)
        </a>
      </Card>
      <Card>
        <TokensPanel tokens={tokens.map((t) => ({ ...t, createdAt: t.createdAt.toISOString(), lastUsedAt: t.lastUsedAt?.toISOString() ?? null, revokedAt: t.revokedAt?.toISOString() ?? null, expiresAt: t.expiresAt?.toISOString() ?? null }))} />
      </Card>
    </div>
  );
}
