import type { ActionState } from './action-state';

type Action = (prev: ActionState, formData: FormData) => Promise<ActionState>;

/**
 * A server action as a form calls it from the browser: when the request itself fails (the server is
 * unreachable, or the browser dropped it because the network changed), the form shows an error and
 * the page stays, instead of the page failing as a whole.
 */
export function reachable(action: Action): Action {
  return async (prev, formData) => {
    try {
      return await action(prev, formData);
    } catch (err) {
      if (err instanceof Error && 'digest' in err) throw err; // redirect() and notFound() travel as errors
      return { error: 'Berth could not be reached; check the connection and try again.' };
    }
  };
}
