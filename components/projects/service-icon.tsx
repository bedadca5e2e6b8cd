const glyphs: Record<string, { label: string; bg: string }> = {
  postgresql: { label: 'Pg', bg: 'bg-sky-700' },
  mariadb: { label: 'Ma', bg: 'bg-amber-800' },
  redis: { label: 'Rd', bg: 'bg-red-600' },
  rabbitmq: { label: 'MQ', bg: 'bg-orange-500' },
  nodejs: { label: 'JS', bg: 'bg-green-700' },
  python: { label: 'Py', bg: 'bg-blue-600' },
  go: { label: 'Go', bg: 'bg-cyan-600' },
  'php-nginx': { label: 'Php', bg: 'bg-indigo-500' },
  static: { label: 'St', bg: 'bg-slate-600' },
  nginx: { label: 'Nx', bg: 'bg-emerald-700' },
  debian: { label: 'Db', bg: 'bg-rose-700' },
  'shared-storage': { label: 'Fs', bg: 'bg-stone-600' },
};

export function ServiceIcon({ type }: { type: string }) {
  const g = glyphs[type] ?? { label: type.slice(0, 2), bg: 'bg-slate-500' };
  return (
    <span aria-hidden className={`inline-flex h-9 w-9 items-center justify-center rounded-lg text-xs font-bold text-white ${g.bg}`}>
      {g.label}
    </span>
  );
}
