'use client';

import { useActionState, useEffect, useMemo, useRef, type ReactNode } from 'react';
import { useToast } from '@/components/ui/toast';
import { initialActionState, type ActionState } from '@/lib/actions/action-state';
import { reachable } from '@/lib/actions/reachable';

type Action = (prev: ActionState, formData: FormData) => Promise<ActionState>;

/**
 * A form bound to a server action: hidden fields, a toast for the result, and the state handed
 * to `children` (field errors, pending) so forms can show messages beside their inputs.
 */
export function ActionForm({
  action,
  hidden,
  children,
  className,
  onDone,
}: {
  action: Action;
  hidden: Record<string, string>;
  children: (state: ActionState, pending: boolean) => ReactNode;
  className?: string;
  onDone?: (state: ActionState) => void;
}) {
  const safe = useMemo(() => reachable(action), [action]);
  const [state, formAction, pending] = useActionState(safe, initialActionState);
  const toast = useToast();
  const last = useRef(state);
  useEffect(() => {
    if (state === last.current) return;
    last.current = state;
    if (state.ok) {
      toast('success', state.data?.message ?? 'Done');
      onDone?.(state);
    } else if (state.error && !state.fieldErrors) toast('error', state.error);
  }, [state, toast, onDone]);
  return (
    <form action={formAction} className={className} noValidate>
      {Object.entries(hidden).map(([k, v]) => (
        <input key={k} type="hidden" name={k} value={v} />
      ))}
      {children(state, pending)}
    </form>
  );
}
