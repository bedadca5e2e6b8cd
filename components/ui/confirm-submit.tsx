'use client';

import type { ButtonHTMLAttributes } from 'react';
import { Button, type Variant } from './button';

/**
 * A submit button that asks `question` first (the form is not sent on "cancel"); without a
 * question it submits at once.
 */
export function ConfirmSubmit({
  question,
  onClick,
  ...props
}: Omit<ButtonHTMLAttributes<HTMLButtonElement>, 'type'> & { question?: string; variant?: Variant }) {
  return (
    <Button
      {...props}
      type="submit"
      onClick={(e) => {
        if (question && !window.confirm(question)) e.preventDefault();
        else onClick?.(e);
      }}
    />
  );
}
