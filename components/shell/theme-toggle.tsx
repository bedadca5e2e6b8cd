'use client';

import { useEffect, useState } from 'react';

/** Dark mode by class, remembered in localStorage; the inline script in the layout prevents a flash. */
export function ThemeToggle() {
  const [dark, setDark] = useState(false);
  useEffect(() => setDark(document.documentElement.classList.contains('dark')), []);
  function toggle() {
    const next = !dark;
    document.documentElement.classList.toggle('dark', next);
    localStorage.setItem('berth-theme', next ? 'dark' : 'light');
    setDark(next);
  }
  return (
    <button
      type="button"
      onClick={toggle}
      aria-pressed={dark}
      aria-label="Dark mode"
      className="rounded-md px-2 py-1 text-sm hover:bg-slate-100 dark:hover:bg-slate-800"
    >
      {dark ? '☀︎' : '☾'}
    </button>
  );
}
