'use client';

import { createTokenAction, revokeTokenAction } from '@/app/(dashboard)/account/actions';
import { ActionForm } from '@/components/projects/action-form';
import { Alert } from '@/components/ui/alert';
import { Button } from '@/components/ui/button';
import { CopyButton } from '@/components/ui/copy-button';
import { DataTable, type Column } from '@/components/ui/data-table';
import { Field, SelectField } from '@/components/ui/field';

interface TokenRow {
  id: string;
  name: string;
  prefix: string;
  createdAt: string;
  lastUsedAt: string | null;
  revokedAt: string | null;
  expiresAt: string | null;
}

const LIFETIMES: [string, string][] = [
  ['7 days', '7'],
  ['30 days', '30'],
  ['90 days', '90'],
  ['1 year', '365'],
  ['Never', '0'],
];

const when = (iso: string) => new Date(iso).toLocaleString();

const columns: Column<TokenRow>[] = [
  { header: 'Name', cell: (t) => t.name },
  { header: 'Token', className: 'font-mono', cell: (t) => `${t.prefix}…` },
  { header: 'Created', cell: (t) => when(t.createdAt) },
  { header: 'Last used', cell: (t) => (t.lastUsedAt ? when(t.lastUsedAt) : 'never') },
  {
    header: 'Expires',
    cell: (t) =>
      !t.expiresAt ? 'never' : new Date(t.expiresAt) <= new Date() ? <span className="text-red-600">expired</span> : new Date(t.expiresAt).toLocaleDateString(),
  },
  {
    header: <span className="sr-only">Actions</span>,
    className: 'text-right',
    cell: (t) =>
      t.revokedAt ? (
        <span className="text-xs text-slate-500">revoked</span>
      ) : (
        <ActionForm action={revokeTokenAction} hidden={{ tokenId: t.id }}>
          {(_s, pending) => <Button type="submit" variant="ghost" disabled={pending} aria-label={`Revoke ${t.name}`}>Revoke</Button>}
        </ActionForm>
      ),
  },
];

export function TokensPanel({ tokens }: { tokens: TokenRow[] }) {
  return (
    <section aria-labelledby="tokens-h" className="space-y-4">
      <h2 id="tokens-h" className="text-lg font-semibold">API tokens</h2>
      <p className="text-sm text-slate-500">Use a token as <code>Authorization: Bearer …</code> with the REST API at <code>/api/v1</code> (see <a className="underline" href="/api/v1/openapi.json">openapi.json</a>).</p>
      <ActionForm action={createTokenAction} hidden={{}} className="space-y-2">
        {(state, pending) => (
          <>
            <div className="flex items-end gap-2">
              <Field label="Token name" name="name" errors={state.fieldErrors?.name} placeholder="ci-deploy" />
              <SelectField label="Expires after" name="expiresInDays" defaultValue="90" errors={state.fieldErrors?.expiresInDays}>
                {LIFETIMES.map(([label, value]) => (
                  <option key={value} value={value}>
                    {label}
                  </option>
                ))}
              </SelectField>
              <Button type="submit" disabled={pending}>Create token</Button>
            </div>
            {state.ok && state.data?.token && (
              <Alert tone="warn">
                <p>Copy this token now. It is not shown again.</p>
                <div className="mt-1 flex items-center gap-2">
                  <code aria-label="New token" className="block flex-1 font-mono break-all">{state.data.token}</code>
                  <CopyButton value={state.data.token} label="Copy token" />
                </div>
              </Alert>
            )}
          </>
        )}
      </ActionForm>
      {tokens.length === 0 ? (
        <p className="text-sm text-slate-500">No tokens yet.</p>
      ) : (
        <DataTable label="API tokens" columns={columns} rows={tokens} rowKey={(t) => t.id} />
      )}
    </section>
  );
}
