import type { Command } from 'commander';
import { ApiClient } from '../lib/api';
import { saveConfig } from '../lib/config';

/** `berth login --url <url> --token <token>`: checks the token, then stores both (0600). */
export function loginCommand(program: Command, out: (line: string) => void): void {
  program
    .command('login')
    .description('Store the Berth URL and an API token in your config directory')
    .requiredOption('--url <url>', 'Berth server URL, e.g. https://berth.example.com')
    .requiredOption('--token <token>', 'API token (create one under Settings → API tokens)')
    .action(async (opts: { url: string; token: string }) => {
      const api = new ApiClient({ url: opts.url, token: opts.token });
      await api.json('GET', '/projects');
      const file = await saveConfig({ url: opts.url, token: opts.token });
      out(`logged in to ${opts.url}; saved ${file}`);
    });
}
