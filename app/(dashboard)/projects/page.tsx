import type { Metadata } from 'next';
import { ProjectCard } from '@/components/projects/project-card';
import { CreateProjectDialog } from '@/components/projects/create-project-dialog';
import { Card } from '@/components/ui/card';
import { requireUser } from '@/lib/auth/guards';
import { getDb } from '@/lib/db';
import { listCpuSparklines } from '@/lib/db/queries/sparklines';
import { listProjects } from '@/lib/services/projects';

export const metadata: Metadata = { title: 'Projects' };

export default async function ProjectsPage() {
  const user = await requireUser();
  const db = await getDb();
  const projects = await listProjects(db, user.id);
  const cpu = await listCpuSparklines(db, projects.map((p) => p.project.id));
  return (
    <div className="space-y-6">
      <div className="flex items-center justify-between">
        <h1 className="text-2xl font-semibold">Projects</h1>
        <CreateProjectDialog />
      </div>
      {projects.length === 0 ? (
        <Card className="text-center">
          <h2 className="text-lg font-medium">No projects yet</h2>
          <p className="mt-1 text-sm text-slate-500 dark:text-slate-400">
            A project is a private network with its own address and core. Create your first project to add services to it.
          </p>
        </Card>
      ) : (
        <ul className="grid gap-4 md:grid-cols-2 xl:grid-cols-3" aria-label="Projects">
          {projects.map((p) => (
            <li key={p.project.id}>
              <ProjectCard summary={p} cpu={cpu[p.project.id] ?? []} />
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
