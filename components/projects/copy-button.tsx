'use client';

import { Button } from '@/components/ui/button';
import { useToast } from '@/components/ui/toast';

/** Copies a value to the clipboard and says so. */
export function CopyButton({ value, label }: { value: string; label: string }) {
  const toast = useToast();
  return (
    <Button
      variant="ghost"
      className="px-2 py-1 text-xs"
      aria-label={label}
      onClick={(e) => {
        e.preventDefault();
        e.stopPropagation();
        void navigator.clipboard
          ?.writeText(value)
          .then(() => toast('info', 'Copied'))
          .catch(() => toast('error', 'The browser refused clipboard access'));
      }}
    >
      Copy
    </Button>
  );
}
