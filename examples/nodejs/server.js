// The app: "/" answers the greeting stamped at build time; "/db" writes a row and counts them.
const http = require('node:http');
const postgres = require('postgres');

const sql = process.env.DATABASE_URL ? postgres(process.env.DATABASE_URL, { max: 2 }) : null;
let ready = false;

async function migrate() {
  if (!sql) return;
  await sql`create table if not exists visits (id serial primary key, at timestamptz not null default now())`;
}

const server = http.createServer(async (req, res) => {
  try {
    if (req.url === '/health') {
      res.writeHead(ready ? 200 : 503).end(ready ? 'ok' : 'starting');
    } else if (req.url === '/db') {
      if (!sql) throw new Error('DATABASE_URL is not set');
      await sql`insert into visits default values`;
      const [row] = await sql`select count(*)::int as n from visits`;
      res.writeHead(200, { 'content-type': 'text/plain' }).end(`visits: ${row.n}\n`);
    } else {
      res.writeHead(200, { 'content-type': 'text/plain' }).end('__GREETING__\n');
    }
  } catch (err) {
    res.writeHead(500, { 'content-type': 'text/plain' }).end(`error: ${err.message}\n`);
  }
});

migrate()
  .then(() => {
    ready = true;
    server.listen(3000, '::', () => console.log('listening on 3000'));
  })
  .catch((err) => {
    console.error(err);
    process.exit(1);
  });
process.on('SIGTERM', () => server.close(() => process.exit(0)));
