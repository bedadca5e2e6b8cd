import { useId, type ReactNode } from 'react';

/** What a row hands its control: the id its label points at, and the ARIA wiring of its message. */
export interface ControlProps {
  id: string;
  'aria-invalid'?: true;
  'aria-describedby'?: string;
}

export interface FormRowProps {
  label: ReactNode;
  errors?: string[];
  hint?: ReactNode;
  /** The control's id; one is made when it is not given. */
  id?: string;
  className?: string;
  /** Renders the control (an input, a select, a textarea, a combobox …) with the given props spread on it. */
  children: (control: ControlProps) => ReactNode;
}

/**
 * One labelled form control and its message below it: the field's errors (announced to assistive
 * technology), else its hint. Every label + control + error row of the dashboard is one of these.
 */
export function FormRow({ label, errors, hint, id, className = 'space-y-1', children }: FormRowProps) {
  const auto = useId();
  const controlId = id ?? auto;
  const msgId = `${controlId}-msg`;
  const invalid = Boolean(errors?.length);
  return (
    <div className={className}>
      <label htmlFor={controlId} className="block text-sm font-medium">
        {label}
      </label>
      {children({
        id: controlId,
        'aria-invalid': invalid ? true : undefined,
        'aria-describedby': invalid || hint ? msgId : undefined,
      })}
      <FieldMessage id={msgId} errors={errors} hint={hint} />
    </div>
  );
}

function FieldMessage({ id, errors, hint }: { id: string; errors?: string[]; hint?: ReactNode }) {
  if (errors?.length) {
    return (
      <p id={id} role="alert" className="text-sm text-red-600 dark:text-red-400">
        {errors.join(' ')}
      </p>
    );
  }
  return hint ? (
    <p id={id} className="text-xs text-slate-500 dark:text-slate-400">
      {hint}
    </p>
  ) : null;
}
