import { need, pipe, run, type DataTool, type ToolTarget } from './common';

const ident = (name: string) => `"${name.replace(/"/g, '""')}"`;
const literal = (text: string) => `'${text.replace(/'/g, "''")}'`;

function conn(t: ToolTarget) {
  return { user: need(t.vars, 'user'), db: t.vars.dbName ?? 'db', env: [`PGPASSWORD=${need(t.vars, 'password')}`] };
}

const psql = (t: ToolTarget, sql: string) => {
  const c = conn(t);
  return run(t, ['psql', '-h', '127.0.0.1', '-U', c.user, '-d', 'postgres', '-v', 'ON_ERROR_STOP=1', '-qtAc', sql], c.env);
};

/** PostgreSQL: pg_dump custom format; restored with pg_restore into a new database that then replaces the old one. */
export const postgresqlTool: DataTool = {
  tool: 'pg_dump',
  versionArgv: ['pg_dump', '--version'],
  async dump(t, out) {
    const c = conn(t);
    await pipe(t, ['pg_dump', '-Fc', '-h', '127.0.0.1', '-U', c.user, '-d', c.db], { env: c.env, stdout: out });
  },
  async restore(t, input, tag, log) {
    const c = conn(t);
    const staging = `${c.db}_restore_${tag}`;
    const old = `${c.db}_old_${tag}`;
    await psql(t, `DROP DATABASE IF EXISTS ${ident(staging)} WITH (FORCE)`);
    await psql(t, `CREATE DATABASE ${ident(staging)} OWNER ${ident(c.user)}`);
    try {
      await pipe(t, ['pg_restore', '--no-owner', '--no-acl', '--exit-on-error', '-h', '127.0.0.1', '-U', c.user, '-d', staging], { env: c.env, stdin: input });
    } catch (err) {
      await psql(t, `DROP DATABASE IF EXISTS ${ident(staging)} WITH (FORCE)`).catch(() => {});
      throw err;
    }
    await log(`loaded into ${staging}; replacing ${c.db}`);
    // One transaction: disconnect the clients, keep the old database under another name, put the restored one in its place.
    await psql(
      t,
      [
        `SELECT count(pg_terminate_backend(pid, 5000)) FROM pg_stat_activity WHERE datname = ${literal(c.db)} AND pid <> pg_backend_pid()`,
        `ALTER DATABASE ${ident(c.db)} RENAME TO ${ident(old)}`,
        `ALTER DATABASE ${ident(staging)} RENAME TO ${ident(c.db)}`,
      ].join('; '),
    );
    await psql(t, `DROP DATABASE IF EXISTS ${ident(old)} WITH (FORCE)`);
  },
};
