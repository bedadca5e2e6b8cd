import type { Command } from 'commander';
import { ApiClient } from '../lib/api';
import { followProcess } from '../lib/follow';
import { packFolder } from '../lib/pack';
import { resolveService } from '../lib/services';

interface Started {
  version: { id: string; sequence: number };
  process: { id: string };
}

/** `berth push [dir] --project <id> --service <hostname> [--setup <name>]`: upload, build, roll out, with the live log. */
export function pushCommand(program: Command, out: (line: string) => void): void {
  program
    .command('push [dir]')
    .description('Deploy a folder (with its zerops.yml) to a runtime service, streaming the build log')
    .requiredOption('--project <id>', 'the project id')
    .requiredOption('--service <hostname>', 'the service, by hostname or id')
    .option('--setup <name>', 'the zerops.yml setup to use (default: the service hostname)')
    .action(async (dir: string | undefined, opts: { project: string; service: string; setup?: string }) => {
      const api = await ApiClient.load();
      const service = await resolveService(api, opts.project, opts.service);
      const archive = await packFolder(dir ?? '.');
      out(`uploading ${dir ?? '.'} (${Math.max(1, Math.round(archive.length / 1024))} KB) to ${service.hostname}`);
      const query = opts.setup ? `?setup=${encodeURIComponent(opts.setup)}` : '';
      const started = await api.upload<Started>(`/projects/${encodeURIComponent(opts.project)}/services/${service.id}/deploys${query}`, archive, 'application/gzip');
      out(`version ${started.version.sequence}: building`);
      await followProcess(api, opts.project, started.process.id, out);
      out(`version ${started.version.sequence} of ${service.hostname} is active`);
    });
}
