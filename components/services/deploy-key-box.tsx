'use client';

import { useState } from 'react';
import { createDeployKeyAction, forgetHostKeyAction, showDeployKeyAction } from '@/app/(dashboard)/projects/[projectId]/services/[serviceId]/deploy-actions';
import { ActionForm } from '@/components/projects/action-form';
import { ConfirmSubmit } from '@/components/ui/confirm-submit';
import { CopyableCode } from '@/components/ui/copyable-code';
import { Button } from '@/components/ui/button';

/** The pinned host keys as the actions send them: one `host keyType fingerprint` line each. */
const pinned = (lines: string | undefined) =>
  (lines ?? '')
    .split('\n')
    .filter(Boolean)
    .map((l) => {
      const [host = '', keyType = '', fingerprint = ''] = l.split(' ');
      return { host, keyType, fingerprint };
    });

/**
 * The service's ssh deploy key for private repositories (`git@host:owner/repo.git`, `ssh://…`):
 * Berth keeps the private half; the public line is shown on request, to add as a read-only deploy
 * key at the Git host. Creating a new one replaces the old. The Git hosts' pinned keys are listed
 * beside it, each with a button that forgets it.
 */
export function DeployKeyBox({ projectId, serviceId }: { projectId: string; serviceId: string }) {
  // undefined: not asked yet; null: the service has none.
  const [publicKey, setPublicKey] = useState<string | null>();
  const [hosts, setHosts] = useState<ReturnType<typeof pinned>>([]);
  return (
    <div className="space-y-2 text-sm">
      <h3 className="font-medium">Deploy key (ssh)</h3>
      <p className="text-slate-500">
        For a private repository over ssh: add this public key as a read-only deploy key at your Git host. The host&apos;s own key is
        pinned at the first fetch; forget it only when the host really changed its key.
      </p>
      {publicKey ? (
        <CopyableCode value={publicKey} label="Deploy public key" copyLabel="Copy the deploy key" />
      ) : publicKey === null ? (
        <p className="text-slate-500">This service has no deploy key yet.</p>
      ) : null}
      {hosts.length > 0 && (
        <ul aria-label="Pinned host keys" className="space-y-1">
          {hosts.map((h) => (
            <li key={`${h.host} ${h.fingerprint}`} className="flex items-center justify-between gap-2">
              <span>
                <code>{h.host}</code> <span className="text-slate-500">{h.keyType}</span> <code className="text-xs">{h.fingerprint}</code>
              </span>
              <ActionForm action={forgetHostKeyAction} hidden={{ projectId, serviceId, host: h.host }} onDone={(s) => setHosts(pinned(s.data?.pinnedHosts))}>
                {(_s, pending) => (
                  <ConfirmSubmit
                    variant="ghost"
                    disabled={pending}
                    aria-label={`Forget the key of ${h.host}`}
                    question={`Forget the key of ${h.host}? The next fetch trusts whatever key it shows.`}
                  >
                    Forget
                  </ConfirmSubmit>
                )}
              </ActionForm>
            </li>
          ))}
        </ul>
      )}
      <div className="flex gap-2">
        {publicKey === undefined && (
          <ActionForm
            action={showDeployKeyAction}
            hidden={{ projectId, serviceId }}
            onDone={(s) => {
              setPublicKey(s.data?.publicKey || null);
              setHosts(pinned(s.data?.pinnedHosts));
            }}
          >
            {(_s, pending) => (
              <Button type="submit" variant="secondary" disabled={pending}>
                Show deploy key
              </Button>
            )}
          </ActionForm>
        )}
        <ActionForm
          action={createDeployKeyAction}
          hidden={{ projectId, serviceId }}
          onDone={(s) => setPublicKey(s.data?.publicKey || null)}
        >
          {(_s, pending) => (
            <ConfirmSubmit
              variant="ghost"
              disabled={pending}
              question={publicKey ? 'Replace the deploy key? The current one stops working at your Git host.' : undefined}
            >
              {publicKey ? 'Replace deploy key' : 'Create deploy key'}
            </ConfirmSubmit>
          )}
        </ActionForm>
      </div>
    </div>
  );
}
