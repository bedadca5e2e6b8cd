import { need, pipe, run, type DataTool, type ToolTarget } from './common';

const ident = (name: string) => `\`${name.replace(/`/g, '``')}\``;
const literal = (text: string) => `'${text.replace(/\\/g, '\\\\').replace(/'/g, "''")}'`;

function conn(t: ToolTarget) {
  return { db: t.vars.dbName ?? t.hostname, env: [`MYSQL_PWD=${need(t.vars, 'rootPassword')}`] };
}

const client = ['mariadb', '-h', '127.0.0.1', '-u', 'root'];
const sql = (t: ToolTarget, text: string) => run(t, [...client, '-N', '-B', '-e', text], conn(t).env);

const tablesOf = async (t: ToolTarget, db: string) =>
  (await sql(t, `SELECT table_name FROM information_schema.tables WHERE table_schema = ${literal(db)} AND table_type = 'BASE TABLE'`))
    .split('\n')
    .map((s) => s.trim())
    .filter(Boolean);

/**
 * MariaDB: mariadb-dump --single-transaction (a consistent snapshot without locking InnoDB tables);
 * restored into a staging database whose tables then replace the live ones in one RENAME TABLE.
 */
export const mariadbTool: DataTool = {
  tool: 'mariadb-dump',
  versionArgv: ['mariadb-dump', '--version'],
  async dump(t, out) {
    const c = conn(t);
    await pipe(t, ['mariadb-dump', '-h', '127.0.0.1', '-u', 'root', '--single-transaction', '--routines', '--triggers', '--events', c.db], { env: c.env, stdout: out });
  },
  async restore(t, input, tag, log) {
    const c = conn(t);
    const staging = `${c.db}_restore_${tag}`;
    const old = `${c.db}_old_${tag}`;
    await sql(t, `DROP DATABASE IF EXISTS ${ident(staging)}; CREATE DATABASE ${ident(staging)}`);
    try {
      await pipe(t, [...client, staging], { env: c.env, stdin: input });
    } catch (err) {
      await sql(t, `DROP DATABASE IF EXISTS ${ident(staging)}`).catch(() => {});
      throw err;
    }
    await log(`loaded into ${staging}; replacing the tables of ${c.db}`);
    const live = await tablesOf(t, c.db);
    const restored = await tablesOf(t, staging);
    const moves = [
      ...live.map((n) => `${ident(c.db)}.${ident(n)} TO ${ident(old)}.${ident(n)}`),
      ...restored.map((n) => `${ident(staging)}.${ident(n)} TO ${ident(c.db)}.${ident(n)}`),
    ];
    await sql(t, `DROP DATABASE IF EXISTS ${ident(old)}; CREATE DATABASE ${ident(old)}`);
    if (moves.length) await sql(t, `SET FOREIGN_KEY_CHECKS=0; RENAME TABLE ${moves.join(', ')}`);
    await sql(t, `DROP DATABASE ${ident(old)}; DROP DATABASE ${ident(staging)}`);
  },
};
