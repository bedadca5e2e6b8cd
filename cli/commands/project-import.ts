import { readFile } from 'node:fs/promises';
import type { Command } from 'commander';
import { ApiClient } from '../lib/api';
import { followProcess } from '../lib/follow';
import { printPreview } from '../lib/preview';

interface ImportAnswer {
  preview: Parameters<typeof printPreview>[0];
  project: { id: string; name: string } | null;
  process: { id: string } | null;
}

/** `berth project import <file>`: preview, then the project.import process followed to its end. */
export function projectImportCommand(project: Command, out: (line: string) => void): void {
  project
    .command('import <file>')
    .description('Create a project from a Zerops import YAML')
    .option('--dry-run', 'show what would be created, create nothing')
    .option('--accept-versions', 'accept the nearest available version where the file asks for one Berth lacks')
    .option('--accept-dropped-keys', 'accept dropping keys Berth does not support yet')
    .action(async (file: string, opts: { dryRun?: boolean; acceptVersions?: boolean; acceptDroppedKeys?: boolean }) => {
      const api = await ApiClient.load();
      const yaml = await readFile(file, 'utf8');
      const body = { yaml, dryRun: Boolean(opts.dryRun), acceptVersions: Boolean(opts.acceptVersions), acceptDroppedKeys: Boolean(opts.acceptDroppedKeys) };
      const answer = await api.json<ImportAnswer>('POST', '/projects/import', body, file);
      printPreview(answer.preview, out);
      if (!answer.project || !answer.process) return;
      out(`project ${answer.project.name} (${answer.project.id}): importing`);
      await followProcess(api, answer.project.id, answer.process.id, out);
      out(`imported ${answer.project.name} (${answer.project.id})`);
    });
}
