import type { InputHTMLAttributes, ReactNode, SelectHTMLAttributes } from 'react';
import { FormRow } from './form-row';
import { controlClass as control } from './input';

interface FieldProps {
  label: string;
  errors?: string[];
  hint?: ReactNode;
}

/** A labelled input with its field errors announced to assistive technology. */
export function Field({ label, errors, hint, id, ...props }: FieldProps & InputHTMLAttributes<HTMLInputElement>) {
  return (
    <FormRow label={label} errors={errors} hint={hint} id={id}>
      {(aria) => <input {...aria} className={control} {...props} />}
    </FormRow>
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
  return (
    <FormRow label={label} errors={errors} hint={hint} id={id}>
      {(aria) => (
        <select {...aria} className={control} {...props}>
          {children}
        </select>
      )}
    </FormRow>
  );
}
