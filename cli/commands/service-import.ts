import { readFile } from 'node:fs/promises';
import type { Command } from 'commander';
import { ApiClient } from '../lib/api';
import { followProcess } from '../lib/follow';
import { printPreview } from '../lib/preview';

/** `berth service import <file> --project <id>`: services into an existing project. */
export function serviceImportCommand(service: Command, out: (line: string) => void): void {
  service
    .command('import <file>')
    .description('Add the services of a Zerops import YAML to a project')
    .requiredOption('--project <id>', 'project id')
    .option('--dry-run', 'show what would be created, create nothing')
    .option('--accept-versions', 'accept the nearest available version where the file asks for one Berth lacks')
    .option('--accept-dropped-keys', 'accept dropping keys Berth does not support yet')
    .action(async (file: string, opts: { project: string; dryRun?: boolean; acceptVersions?: boolean; acceptDroppedKeys?: boolean }) => {
      const api = await ApiClient.load();
      const yaml = await readFile(file, 'utf8');
      const body = { yaml, dryRun: Boolean(opts.dryRun), acceptVersions: Boolean(opts.acceptVersions), acceptDroppedKeys: Boolean(opts.acceptDroppedKeys) };
      const answer = await api.json<{ preview: Parameters<typeof printPreview>[0]; process: { id: string } | null }>(
        'POST',
        `/projects/${encodeURIComponent(opts.project)}/services/import`,
        body,
        file,
      );
      printPreview(answer.preview, out);
      if (!answer.process) return;
      await followProcess(api, opts.project, answer.process.id, out);
      out('services imported');
    });
}
