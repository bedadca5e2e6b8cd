import type { InputHTMLAttributes, TextareaHTMLAttributes } from 'react';

/** The look every text control shares (also used by Field and SelectField). */
export const controlClass =
  'w-full rounded-md border border-slate-300 bg-white px-3 py-2 text-sm shadow-sm focus:border-indigo-500 focus:outline-none focus:ring-2 focus:ring-indigo-500/30 disabled:cursor-not-allowed disabled:opacity-60 dark:border-slate-700 dark:bg-slate-900 aria-[invalid=true]:border-red-500';

/**
 * A bare input. It has no label of its own: give it `aria-label`, or use `Field` for a labelled
 * input with errors.
 */
export function Input({ className = '', ...props }: InputHTMLAttributes<HTMLInputElement>) {
  return <input className={`${controlClass} ${className}`} {...props} />;
}

export function Textarea({ className = '', ...props }: TextareaHTMLAttributes<HTMLTextAreaElement>) {
  return <textarea className={`${controlClass} font-mono ${className}`} {...props} />;
}
