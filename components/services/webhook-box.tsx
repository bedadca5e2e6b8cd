'use client';

import { useState } from 'react';
import { regenerateWebhookAction, revealWebhookAction } from '@/app/(dashboard)/projects/[projectId]/services/[serviceId]/deploy-actions';
import { ActionForm } from '@/components/projects/action-form';
import { CopyableCode } from '@/components/ui/copyable-code';
import { Button } from '@/components/ui/button';

/** The service's push webhook (GitHub, GitLab): hidden until revealed, copyable, regenerable. */
export function WebhookBox({ projectId, serviceId }: { projectId: string; serviceId: string }) {
  const [path, setPath] = useState<string>();
  // Set only after a click, so reading the page's origin here never differs from the server render.
  const url = path ? `${window.location.origin}${path}` : undefined;
  return (
    <div className="space-y-2 text-sm">
      <h3 className="font-medium">Webhook</h3>
      <p className="text-slate-500">A push to the tracked branch or a new tag builds the tracked repository (GitHub and GitLab push events).</p>
      {url ? <CopyableCode value={url} label="Webhook URL" copyLabel="Copy the webhook URL" /> : null}
      <div className="flex gap-2">
        {!url && (
          <ActionForm action={revealWebhookAction} hidden={{ projectId, serviceId }} onDone={(s) => setPath(s.data?.path)}>
            {(_s, pending) => (
              <Button type="submit" variant="secondary" disabled={pending}>
                Reveal webhook URL
              </Button>
            )}
          </ActionForm>
        )}
        <ActionForm action={regenerateWebhookAction} hidden={{ projectId, serviceId }} onDone={(s) => setPath(s.data?.path)}>
          {(_s, pending) => (
            <Button type="submit" variant="ghost" disabled={pending}>
              Regenerate webhook URL
            </Button>
          )}
        </ActionForm>
      </div>
    </div>
  );
}
