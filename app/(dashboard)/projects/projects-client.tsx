'use client';

import Link from 'next/link';
import { CreateProjectDialog } from '@/components/projects/create-project-dialog';
import type { ProjectCardsPage } from '@/lib/domain/project-cards';
import { ProjectCard } from '@/components/projects/project-card';
import { Card } from '@/components/ui/card';
import { useProjectsList } from '@/lib/query/projects/use-projects-list';

const pageHref = (page: number, q: string) => `/projects?${new URLSearchParams({ ...(page > 1 ? { page: String(page) } : {}), ...(q ? { q } : {}) })}`;

/** Filter by name and move between pages: plain links and a GET form, so each page has its own URL. */
function ProjectsPager({ page, pages, total, q }: Omit<ProjectCardsPage, 'cards'>) {
  if (pages === 1 && !q) return null;
  return (
    <nav aria-label="Project pages" className="flex flex-wrap items-center justify-between gap-3 text-sm">
      <form action="/projects" className="flex items-center gap-2" role="search">
        <label htmlFor="project-filter" className="text-slate-500">
          Name contains
        </label>
        <input id="project-filter" name="q" defaultValue={q} maxLength={100} className="rounded-md border border-slate-300 px-2 py-1 dark:border-slate-700 dark:bg-slate-900" />
        <button type="submit" className="rounded-md border border-slate-300 px-3 py-1 dark:border-slate-700">
          Filter
        </button>
      </form>
      <p className="flex items-center gap-3">
        {page > 1 && <Link href={pageHref(page - 1, q)}>← Newer</Link>}
        <span className="text-slate-500">
          Page {page} of {pages} ({total} project{total === 1 ? '' : 's'})
        </span>
        {page < pages && <Link href={pageHref(page + 1, q)}>Older →</Link>}
      </p>
    </nav>
  );
}

export function ProjectsClient({ initial, ipv4ByDefault = true }: { initial: ProjectCardsPage; ipv4ByDefault?: boolean }) {
  const { cards: projects, ...paging } = useProjectsList(initial);
  return (
    <div className="space-y-6">
      <div className="flex flex-wrap items-center justify-between gap-3">
        <div>
          <h1 className="text-2xl font-semibold">Projects</h1>
          <p className="text-sm text-slate-500">Each project is a private network with its own address, core and services.</p>
        </div>
        <div className="flex items-center gap-2">
          <Link href="/projects/import" className="rounded-md border border-slate-300 px-3 py-2 text-sm font-medium hover:bg-slate-50 dark:border-slate-700 dark:hover:bg-slate-800">
            Import project
          </Link>
          <CreateProjectDialog ipv4ByDefault={ipv4ByDefault} />
        </div>
      </div>
      <ProjectsPager {...paging} />
      {projects.length === 0 && paging.q ? (
        <p className="text-sm text-slate-500">No project name contains “{paging.q}”.</p>
      ) : projects.length === 0 ? (
        <Card className="text-center">
          <h2 className="text-lg font-medium">No projects yet</h2>
          <p className="mt-1 text-sm text-slate-500 dark:text-slate-400">
            A project is a private network with its own address and core. Create your first project with <strong>New project</strong>, then add a database and
            a runtime to it.
          </p>
        </Card>
      ) : (
        <ul className="grid gap-4 md:grid-cols-2 xl:grid-cols-3" aria-label="Projects">
          {projects.map((p) => (
            <li key={p.id}>
              <ProjectCard project={p} />
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
