import type { Command } from 'commander';
import { ApiClient } from '../lib/api';
import { resolveService } from '../lib/services';

interface VersionRow {
  id: string;
  sequence: number;
  status: string;
  source: { kind: string; url?: string; ref?: string | null; commit?: string; bytes?: number };
  createdAt: string;
  buildMs: number | null;
  deployMs: number | null;
}

const sourceText = (s: VersionRow['source']) => (s.kind === 'git' ? `${s.url}${s.ref ? `@${s.ref}` : ''}${s.commit ? ` ${s.commit.slice(0, 8)}` : ''}` : s.kind);

/** `berth deploys --project <id> --service <hostname> [--json]`: the app versions, newest first. */
export function deploysCommand(program: Command, out: (line: string) => void): void {
  program
    .command('deploys')
    .description("List a service's app versions")
    .requiredOption('--project <id>', 'the project id')
    .requiredOption('--service <hostname>', 'the service, by hostname or id')
    .option('--json', 'print JSON')
    .action(async (opts: { project: string; service: string; json?: boolean }) => {
      const api = await ApiClient.load();
      const service = await resolveService(api, opts.project, opts.service);
      const { versions } = await api.json<{ versions: VersionRow[] }>('GET', `/projects/${encodeURIComponent(opts.project)}/services/${service.id}/deploys`);
      if (opts.json) return out(JSON.stringify(versions, null, 2));
      if (!versions.length) return out(`${service.hostname} has no deploys yet`);
      for (const v of versions) {
        const took = v.buildMs === null ? '' : ` build ${(v.buildMs / 1000).toFixed(1)} s`;
        out(`#${v.sequence}\t${v.status}\t${new Date(v.createdAt).toISOString()}\t${sourceText(v.source)}${took}`);
      }
    });
}
