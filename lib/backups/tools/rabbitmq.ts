import { pipe, type DataTool } from './common';

/**
 * RabbitMQ: the definitions (users, vhosts, queues, exchanges, bindings, policies) as JSON. Import
 * adds and updates definitions; messages in queues are not part of a definitions backup.
 */
export const rabbitmqTool: DataTool = {
  tool: 'rabbitmqctl export_definitions',
  versionArgv: ['rabbitmqctl', 'version'],
  async dump(t, out) {
    await pipe(t, ['rabbitmqctl', '--quiet', 'export_definitions', '-', '--format', 'json'], { stdout: out });
  },
  async restore(t, input) {
    await pipe(t, ['rabbitmqctl', '--quiet', 'import_definitions', '--format', 'json'], { stdin: input });
  },
};
