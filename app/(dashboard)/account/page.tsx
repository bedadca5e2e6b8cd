import type { Metadata } from 'next';
import { TokensPanel } from '@/components/account/tokens-panel';
import { Card } from '@/components/ui/card';
import { requireUser } from '@/lib/auth/guards';
import { getDb } from '@/lib/db';
import { listApiTokens } from '@/lib/services/api-tokens';

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
        <TokensPanel tokens={tokens.map((t) => ({ ...t, createdAt: t.createdAt.toISOString(), lastUsedAt: t.lastUsedAt?.toISOString() ?? null, revokedAt: t.revokedAt?.toISOString() ?? null }))} />
      </Card>
    </div>
  );
}
