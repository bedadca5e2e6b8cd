import { useId, type InputHTMLAttributes, type ReactNode, type SelectHTMLAttributes } from 'react';
import { controlClass as control } from './input';

interface FieldProps {
  label: string;
  errors?: string[];
  hint?: ReactNode;
}

/** A labelled input with its field errors announced to assistive technology. */
export function Field({ label, errors, hint, id, ...props }: FieldProps & InputHTMLAttributes<HTMLInputElement>) {
  const auto = useId();
  const inputId = id ?? auto;
  const msgId = `${inputId}-msg`;
  return (
    <div className="space-y-1">
      <label htmlFor={inputId} className="block text-sm font-medium">
        {label}
      </label>
      <input
        id={inputId}
        className={control}
        aria-invalid={errors?.length ? true : undefined}
        aria-describedby={errors?.length || hint ? msgId : undefined}
        {...props}
      />
      <FieldMessage id={msgId} errors={errors} hint={hint} />
    </div>
  );
}

export function SelectField({
  label,
  errors,
  hint,
  id,
  children,
  ...props
}: FieldProps & SelectHTMLAttributes<HTMLSelectElement>) {
  const auto = useId();
  const selectId = id ?? auto;
  const msgId = `${selectId}-msg`;
  return (
    <div className="space-y-1">
      <label htmlFor={selectId} className="block text-sm font-medium">
        {label}
      </label>
      <select
        id={selectId}
        className={control}
        aria-invalid={errors?.length ? true : undefined}
        aria-describedby={errors?.length || hint ? msgId : undefined}
        {...props}
      >
        {children}
      </select>
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
