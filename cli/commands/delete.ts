import type { Command } from 'commander';
import { ApiClient } from '../lib/api';
import { followProcess } from '../lib/follow';
import { resolveService } from '../lib/services';

const keepQuery = (o: { deleteBackups?: boolean }) => `?keepBackups=${o.deleteBackups ? 'false' : 'true'}`;
const backupsNote = (o: { deleteBackups?: boolean }) =>
  o.deleteBackups ? 'its backups deleted too' : 'its backups kept';

/** `berth service delete` and `berth project delete`: backups are kept unless --delete-backups is given. */
export function deleteCommands(project: Command, service: Command, out: (line: string) => void): void {
  service
    .command('delete')
    .description(
      'Delete a service with its containers and volumes (its backups are kept unless --delete-backups)',
    )
    .requiredOption('--project <id>', 'the project id')
    .requiredOption('--service <hostname>', 'the service, by hostname or id')
    .option('--delete-backups', "delete the service's backups too")
    .action(async (o: { project: string; service: string; deleteBackups?: boolean }) => {
      const api = await ApiClient.load();
      const s = await resolveService(api, o.project, o.service);
      const { process } = await api.json<{ process: { id: string } }>(
        'DELETE',
        `/projects/${encodeURIComponent(o.project)}/services/${s.id}${keepQuery(o)}`,
      );
      out(`deleting ${s.hostname}, ${backupsNote(o)}`);
      await followProcess(api, o.project, process.id, out);
    });

  project
    .command('delete')
    .description('Delete a project with every service (its backups are kept unless --delete-backups)')
    .requiredOption('--project <id>', 'the project id')
    .option('--delete-backups', "delete the project's backups too")
    .action(async (o: { project: string; deleteBackups?: boolean }) => {
      const api = await ApiClient.load();
      const { process } = await api.json<{ process: { id: string } }>(
        'DELETE',
        `/projects/${encodeURIComponent(o.project)}${keepQuery(o)}`,
      );
      out(
        `deleting project ${o.project}, ${backupsNote(o)} (process ${process.id}); kept backups: berth backup kept`,
      );
    });
}
