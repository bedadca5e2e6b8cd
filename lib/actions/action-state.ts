/** The one shape every server action returns. */
export interface ActionState {
  ok?: true;
  error?: string;
  fieldErrors?: Record<string, string[]>;
  values?: Record<string, string>;
  /** Optional payload for the caller, e.g. a created id or a token shown once. */
  data?: Record<string, string>;
}

export const initialActionState: ActionState = {};
