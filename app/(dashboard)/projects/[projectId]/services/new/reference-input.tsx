'use client';

import { useId, useState, type KeyboardEvent } from 'react';
import { FormRow } from '@/components/ui/form-row';
import { completeReference, openReference, referenceOptions } from './wizard-state';

/**
 * A value input that completes `${hostname_var}` references: typing `${` lists the project's
 * services' variables; arrows choose, Enter or Tab inserts, Escape closes.
 */
export function ReferenceInput({ label, value, onChange, references, errors }: { label: string; value: string; onChange: (v: string) => void; references: string[]; errors?: string[] }) {
  const id = useId();
  const [active, setActive] = useState(0);
  const [closed, setClosed] = useState(false);
  const partial = openReference(value);
  const options = partial === undefined || closed ? [] : referenceOptions(references, partial);
  const open = options.length > 0;
  const insert = (ref: string) => {
    onChange(completeReference(value, ref));
    setActive(0);
  };
  const onKeyDown = (e: KeyboardEvent<HTMLInputElement>) => {
    if (!open) return;
    if (e.key === 'ArrowDown' || e.key === 'ArrowUp') {
      e.preventDefault();
      setActive((a) => (a + (e.key === 'ArrowDown' ? 1 : options.length - 1)) % options.length);
    } else if (e.key === 'Enter' || e.key === 'Tab') {
      e.preventDefault();
      insert(options[active] ?? options[0]!);
    } else if (e.key === 'Escape') {
      e.preventDefault();
      setClosed(true);
    }
  };
  return (
    <FormRow label={label} errors={errors} id={id} className="relative space-y-1">
      {(aria) => (
        <>
          <input
            {...aria}
            value={value}
            role="combobox"
            aria-expanded={open}
            aria-controls={`${id}-list`}
            aria-autocomplete="list"
            aria-activedescendant={open ? `${id}-opt-${active}` : undefined}
            autoComplete="off"
            onChange={(e) => {
              setClosed(false);
              setActive(0);
              onChange(e.target.value);
            }}
            onKeyDown={onKeyDown}
            className="w-full rounded-md border border-slate-300 bg-white px-3 py-2 font-mono text-sm shadow-sm focus:border-indigo-500 focus:ring-2 focus:ring-indigo-500/30 focus:outline-none aria-[invalid=true]:border-red-500 dark:border-slate-700 dark:bg-slate-900"
          />
          {open && (
            <ul id={`${id}-list`} role="listbox" aria-label={`References for ${label}`} className="absolute z-10 mt-1 max-h-56 w-full overflow-auto rounded-md border border-slate-200 bg-white py-1 text-sm shadow-lg dark:border-slate-700 dark:bg-slate-900">
              {options.map((o, i) => (
                <li
                  key={o}
                  id={`${id}-opt-${i}`}
                  role="option"
                  aria-selected={i === active}
                  onMouseDown={(e) => {
                    e.preventDefault();
                    insert(o);
                  }}
                  className="cursor-pointer px-3 py-1 font-mono aria-selected:bg-indigo-50 dark:aria-selected:bg-indigo-950"
                >
                  {o}
                </li>
              ))}
            </ul>
          )}
        </>
      )}
    </FormRow>
  );
}
