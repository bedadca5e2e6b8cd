import type { Metadata } from 'next';
import { Card } from '@/components/ui/card';
import { requireUser } from '@/lib/auth/guards';

export const metadata: Metadata = { title: 'Projects' };

export default async function ProjectsPage() {
  await requireUser();
  return (
    <div className="space-y-6">
      <h1 className="text-2xl font-semibold">Projects</h1>
      <Card className="text-center">
        <h2 className="text-lg font-medium">No projects yet</h2>
        <p className="mt-1 text-sm text-slate-500 dark:text-slate-400">
          A project is a private network with its own address and core. Create your first project to add services to it.
        </p>
      </Card>
    </div>
  );
}
