import { CopyButton } from './copy-button';

/** One line of text to paste elsewhere (a URL, a public key), named for screen readers, with its copy button. */
export function CopyableCode({ value, label, copyLabel }: { value: string; label: string; copyLabel: string }) {
  return (
    <p className="flex items-center gap-2">
      <code className="truncate rounded bg-slate-100 px-2 py-1 dark:bg-slate-800" aria-label={label}>
        {value}
      </code>
      <CopyButton value={value} label={copyLabel} />
    </p>
  );
}
