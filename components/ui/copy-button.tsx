'use client';

import { useState } from 'react';
import { Button } from './button';
import { useToast } from './toast';

/** Copies `value` to the clipboard and says so (also where the Clipboard API is missing, e.g. plain http on a LAN address). */
export function CopyButton({ value, label = 'Copy' }: { value: string; label?: string }) {
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
    <Button variant="secondary" className="px-2 py-1 text-xs" aria-label={label} onClick={() => void copy()}>
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
