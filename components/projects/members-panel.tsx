'use client';

import { addMemberAction, removeMemberAction } from '@/app/(dashboard)/projects/[projectId]/actions';
import { Button } from '@/components/ui/button';
import { Field, SelectField } from '@/components/ui/field';
import { ActionForm } from './action-form';

export interface MemberRow {
  userId: string;
  name: string;
  email: string;
  role: string;
}

/** People on the project; the owner adds members (change things) and viewers (read only). */
export function MembersPanel({ projectId, members, isOwner }: { projectId: string; members: MemberRow[]; isOwner: boolean }) {
  return (
    <section aria-labelledby="members-h" className="space-y-3">
      <h2 id="members-h" className="text-lg font-semibold">People</h2>
      <ul className="divide-y divide-slate-100 text-sm dark:divide-slate-800">
        {members.map((m) => (
          <li key={m.userId} className="flex items-center justify-between py-1.5">
            <span>
              {m.name} <span className="text-slate-500">{m.email}</span> · {m.role}
            </span>
            {isOwner && m.role !== 'owner' && (
              <ActionForm action={removeMemberAction} hidden={{ projectId, userId: m.userId }}>
                {(_s, pending) => <Button type="submit" variant="ghost" disabled={pending} aria-label={`Remove ${m.email}`}>Remove</Button>}
              </ActionForm>
            )}
          </li>
        ))}
      </ul>
      {isOwner && (
        <ActionForm action={addMemberAction} hidden={{ projectId }} className="grid items-end gap-2 sm:grid-cols-[2fr_1fr_auto]">
          {(state, pending) => (
            <>
              <Field label="Member email" name="email" type="email" errors={state.fieldErrors?.email} />
              <SelectField label="Access" name="role" defaultValue="member" errors={state.fieldErrors?.role}>
                <option value="member">member</option>
                <option value="viewer">viewer (read only)</option>
              </SelectField>
              <Button type="submit" disabled={pending}>Add person</Button>
            </>
          )}
        </ActionForm>
      )}
    </section>
  );
}
