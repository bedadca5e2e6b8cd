import { writeFile } from 'node:fs/promises';
import type { Command } from 'commander';
import { ApiClient } from '../lib/api';

/** `berth project export <id> [-o file] [--include-secrets]` */
export function projectExportCommand(project: Command, out: (line: string) => void): void {
  project
    .command('export <id>')
    .description('Write a project as an import YAML that recreates it')
    .option('-o, --output <file>', 'write to a file instead of standard output')
    .option('--include-secrets', 'write secret values instead of generator placeholders (recorded in the audit log)')
    .action(async (id: string, opts: { output?: string; includeSecrets?: boolean }) => {
      const api = await ApiClient.load();
      const res = await api.request('GET', `/projects/${encodeURIComponent(id)}/export${opts.includeSecrets ? '?includeSecrets=true' : ''}`);
      const yaml = await res.text();
      if (opts.output) {
        await writeFile(opts.output, yaml, { mode: opts.includeSecrets ? 0o600 : 0o644 });
        out(`wrote ${opts.output}`);
      } else out(yaml.trimEnd());
    });
}
