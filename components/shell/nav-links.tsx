'use client';

import Link from 'next/link';
import { usePathname } from 'next/navigation';

/** The main navigation; the current section is marked for assistive technology and by colour. */
export function NavLinks({ isAdmin }: { isAdmin: boolean }) {
  const pathname = usePathname();
  const links = [
    { href: '/projects', label: 'Projects' },
    { href: '/account', label: 'Account' },
    ...(isAdmin ? [{ href: '/admin/users', label: 'Users' }] : []),
  ];
  return (
    <>
      {links.map((l) => {
        const current = pathname === l.href || pathname.startsWith(l.href + '/');
        return (
          <Link
            key={l.href}
            href={l.href}
            aria-current={current ? 'page' : undefined}
            className={current ? 'text-indigo-600 dark:text-indigo-400' : 'hover:text-indigo-600 dark:hover:text-indigo-400'}
          >
            {l.label}
          </Link>
        );
      })}
    </>
  );
}
