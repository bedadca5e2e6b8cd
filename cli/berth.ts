#!/usr/bin/env -S node --import tsx
import { Command, CommanderError } from 'commander';
import { backupCommand } from './commands/backup';
import { deleteCommands } from './commands/delete';
import { deploysCommand } from './commands/deploys';
import { loginCommand } from './commands/login';
import { projectExportCommand } from './commands/project-export';
import { projectImportCommand } from './commands/project-import';
import { pushCommand } from './commands/push';
import { rollbackCommand } from './commands/rollback';
import { serviceImportCommand } from './commands/service-import';
import { CliError } from './lib/config';

/** The `berth` command line: each command lives in its own file under commands/. */
export function buildProgram(out: (line: string) => void = (l) => process.stdout.write(`${l}\n`)): Command {
  const program = new Command('berth').description('Berth command line').exitOverride();
  loginCommand(program, out);
  pushCommand(program, out);
  deploysCommand(program, out);
  rollbackCommand(program, out);
  backupCommand(program, out);
  const project = program.command('project').description('Projects');
  projectImportCommand(project, out);
  projectExportCommand(project, out);
  const service = program.command('service').description('Services');
  serviceImportCommand(service, out);
  deleteCommands(project, service, out);
  return program;
}

export async function main(argv: string[]): Promise<number> {
  try {
    await buildProgram().parseAsync(argv);
    return 0;
  } catch (err) {
    if (err instanceof CommanderError) return err.exitCode;
    process.stderr.write(`berth: ${err instanceof Error ? err.message : String(err)}\n`);
    return err instanceof CliError ? 1 : 2;
  }
}

if (import.meta.url === `file://${process.argv[1]}`) void main(process.argv).then((code) => process.exit(code));
