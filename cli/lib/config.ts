import { chmod, mkdir, readFile, writeFile } from 'node:fs/promises';
import { homedir } from 'node:os';
import { join } from 'node:path';
import { z } from 'zod';

const configSchema = z.object({ url: z.string().url(), token: z.string().min(1) });
export type CliConfig = z.infer<typeof configSchema>;

/** `$BERTH_CONFIG_DIR`, else `$XDG_CONFIG_HOME/berth`, else `~/.config/berth`. */
export function configDir(env: NodeJS.ProcessEnv = process.env): string {
  return env.BERTH_CONFIG_DIR || join(env.XDG_CONFIG_HOME || join(homedir(), '.config'), 'berth');
}

export const configFile = (env?: NodeJS.ProcessEnv) => join(configDir(env), 'config.json');

/** The token is a credential: the directory is 0700 and the file 0600. */
export async function saveConfig(config: CliConfig, env?: NodeJS.ProcessEnv): Promise<string> {
  const dir = configDir(env);
  await mkdir(dir, { recursive: true, mode: 0o700 });
  const file = configFile(env);
  await writeFile(file, `${JSON.stringify(configSchema.parse(config), null, 2)}\n`, { mode: 0o600 });
  await chmod(file, 0o600);
  return file;
}

export async function loadConfig(env?: NodeJS.ProcessEnv): Promise<CliConfig> {
  let text: string;
  try {
    text = await readFile(configFile(env), 'utf8');
  } catch {
    throw new CliError('Not logged in: run `berth login --url <berth url> --token <api token>` first');
  }
  const parsed = configSchema.safeParse(JSON.parse(text));
  if (!parsed.success) throw new CliError(`${configFile(env)} is damaged; run \`berth login\` again`);
  return parsed.data;
}

/** An error the CLI prints as it is (no stack) before exiting non-zero. */
export class CliError extends Error {}
