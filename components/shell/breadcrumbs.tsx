import Link from 'next/link';

/** The trail above a page's heading: each step a link, each followed by a slash. */
export function Breadcrumbs({ trail }: { trail: { href: string; label: string }[] }) {
  return (
    <nav aria-label="Breadcrumb" className="text-sm text-slate-500">
      {trail.map((t) => (
        <span key={t.href}>
          <Link href={t.href} className="hover:underline">
            {t.label}
          </Link>{' '}
          /{' '}
        </span>
      ))}
    </nav>
  );
}
