'use client';

import { useState } from 'react';
import { Button } from './button';
import { useToast } from './toast';

/**
 * Copies `value` to the clipboard and says so (also where the Clipboard API is missing, e.g. plain http
 * on a LAN address). The click stays on the button, so it also works inside a card that is a link.
 */
export function CopyButton({ value, label = 'Copy', variant = 'secondary' }: { value: string; label?: string; variant?: 'secondary' | 'ghost' }) {
  const toast = useToast();
  const [copied, setCopied] = useState(false);
  async function copy() {
    try {
      if (navigator.clipboard) await navigator.clipboard.writeText(value);
      else copyWithSelection(value);
      setCopied(true);
      toast('success', 'Copied to the clipboard');
    } catch {
      toast('error', 'The browser refused clipboard access: select the text and copy it by hand');
    }
  }
  return (
    <Button
      variant={variant}
      className="px-2 py-1 text-xs"
      aria-label={label}
      onClick={(e) => {
        e.preventDefault();
        e.stopPropagation();
        void copy();
      }}
    >
      {copied ? 'Copied' : 'Copy'}
    </Button>
  );
}

function copyWithSelection(value: string) {
  const area = document.createElement('textarea');
  area.value = value;
  area.setAttribute('readonly', '');
  area.style.position = 'fixed';
  area.style.opacity = '0';
  document.body.appendChild(area);
  area.select();
  const ok = document.execCommand('copy');
  area.remove();
  if (!ok) throw new Error('copy refused');
}
