import type { Command } from 'commander';
import { ApiClient } from '../lib/api';
import { CliError } from '../lib/config';
import { followProcess } from '../lib/follow';
import { resolveService } from '../lib/services';

interface VersionRow {
  id: string;
  sequence: number;
  status: string;
}

/**
 * `berth rollback --project <id> --service <hostname> [--to <n>]`: activates a kept version
 * (the previous one by default) without a build, following the rollout.
 */
export function rollbackCommand(program: Command, out: (line: string) => void): void {
  program
    .command('rollback')
    .description('Activate a kept app version again (default: the one before the active one)')
    .requiredOption('--project <id>', 'the project id')
    .requiredOption('--service <hostname>', 'the service, by hostname or id')
    .option('--to <version>', 'the version number to activate')
    .action(async (opts: { project: string; service: string; to?: string }) => {
      const api = await ApiClient.load();
      const service = await resolveService(api, opts.project, opts.service);
      const base = `/projects/${encodeURIComponent(opts.project)}/services/${service.id}/deploys`;
      const { versions } = await api.json<{ versions: VersionRow[] }>('GET', base);
      const active = versions.find((v) => v.status === 'ACTIVE');
      const target = opts.to ? versions.find((v) => String(v.sequence) === opts.to) : versions.find((v) => v.status === 'BACKUP' && (!active || v.sequence < active.sequence));
      if (!target) throw new CliError(opts.to ? `No version ${opts.to} of ${service.hostname}` : `${service.hostname} has no earlier kept version to roll back to`);
      const { process } = await api.json<{ process: { id: string } }>('POST', `${base}/${target.id}/activate`);
      out(`activating version ${target.sequence} of ${service.hostname}`);
      await followProcess(api, opts.project, process.id, out);
      out(`version ${target.sequence} of ${service.hostname} is active`);
    });
}
