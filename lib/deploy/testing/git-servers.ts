import { execFile, spawn } from 'node:child_process';
import fs from 'node:fs/promises';
import http from 'node:http';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { waitFor } from '@/lib/testing/wait';

/** Git servers on loopback for the deploy tests: `git daemon` (git://), `git http-backend` (smart HTTP) and sshd. */

const run = promisify(execFile);

const baseEnv: NodeJS.ProcessEnv = { PATH: '/usr/bin:/bin', HOME: os.tmpdir(), NODE_ENV: 'test' };

const portOpen = (port: number) =>
  new Promise<boolean>((resolve) => {
    const s = net.connect({ host: '127.0.0.1', port }, () => {
      s.destroy();
      resolve(true);
    });
    s.on('error', () => resolve(false));
  });

/** A free loopback TCP port (bound once by the OS, then released), so parallel test files never collide. */
async function freePort(): Promise<number> {
  const server = net.createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as net.AddressInfo;
  await new Promise((resolve) => server.close(resolve));
  return port;
}

/** `git daemon` exporting every repository under `root` at git://127.0.0.1:<port>/<name>. */
export async function gitDaemon(root: string, port?: number): Promise<{ url: (repo: string) => string; stop: () => Promise<void> }> {
  port ??= await freePort();
  const child = spawn('git', ['daemon', '--reuseaddr', '--export-all', `--base-path=${root}`, '--listen=127.0.0.1', `--port=${port}`, root], { env: baseEnv, stdio: 'ignore' });
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  await waitFor('git daemon to listen', () => portOpen(port), 10_000, 50);
  return {
    url: (repo) => `git://127.0.0.1:${port}/${path.basename(repo)}`,
    async stop() {
      child.kill('SIGTERM');
      await exited;
    },
  };
}

export interface HttpBackend {
  url: (repo: string) => string;
  /** Authorization headers the server saw, and request paths (to check no secret travels in a URL). */
  seen: { authorization: string[]; paths: string[] };
  stop: () => Promise<void>;
}

/** The CGI response of git http-backend: header lines, a blank line, the body. */
function sendCgi(res: http.ServerResponse, out: Buffer): void {
  const split = out.indexOf('\r\n\r\n');
  const headerEnd = split >= 0 ? split : out.indexOf('\n\n');
  const sep = split >= 0 ? 4 : 2;
  const headers = out.subarray(0, headerEnd).toString().split(/\r?\n/);
  let status = 200;
  for (const line of headers) {
    const [name = '', ...rest] = line.split(':');
    const value = rest.join(':').trim();
    if (name.toLowerCase() === 'status') status = Number.parseInt(value, 10);
    else if (name) res.setHeader(name, value);
  }
  res.writeHead(status).end(out.subarray(headerEnd + sep));
}

/**
 * A small HTTP server running `git http-backend` (execFile, argument array) for every request,
 * serving the repositories under `root`. With `basicAuth`, requests without that
 * `Authorization: Basic` value get 401.
 */
export async function httpBackend(root: string, opts: { basicAuth?: string } = {}): Promise<HttpBackend> {
  const seen = { authorization: [] as string[], paths: [] as string[] };
  const server = http.createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    seen.paths.push(req.url ?? '');
    seen.authorization.push(req.headers.authorization ?? '');
    if (opts.basicAuth && req.headers.authorization !== `Basic ${opts.basicAuth}`) {
      res.writeHead(401, { 'www-authenticate': 'Basic realm="git"' }).end('authentication required\n');
      return;
    }
    const env: NodeJS.ProcessEnv = {
      ...baseEnv,
      GIT_PROJECT_ROOT: root,
      GIT_HTTP_EXPORT_ALL: '1',
      PATH_INFO: decodeURIComponent(url.pathname),
      QUERY_STRING: url.search.slice(1),
      REQUEST_METHOD: req.method ?? 'GET',
      CONTENT_TYPE: req.headers['content-type'] ?? '',
      HTTP_CONTENT_ENCODING: String(req.headers['content-encoding'] ?? ''),
      GIT_PROTOCOL: String(req.headers['git-protocol'] ?? ''),
      REMOTE_ADDR: '127.0.0.1',
    };
    const child = execFile('git', ['http-backend'], { env, encoding: 'buffer', maxBuffer: 256 * 1024 * 1024 }, (err, stdout) => {
      if (err) res.writeHead(500).end(String(err.message));
      else sendCgi(res, stdout);
    });
    req.pipe(child.stdin!);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as net.AddressInfo;
  return {
    url: (repo) => `http://127.0.0.1:${port}/${path.basename(repo)}`,
    seen,
    stop: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

export interface SshServer {
  /** ssh://<user>@127.0.0.1:<port><absolute path of the repository> */
  url: (repo: string) => string;
  /** The server's host key, as a known_hosts key (`ssh-ed25519 AAAA…`). */
  hostKey: string;
  /** Lets a public key log in (authorized_keys is read on every connection). */
  authorize: (publicKey: string) => Promise<void>;
  /** sshd's log (stderr, -e). */
  log: string[];
  port: number;
  stop: () => Promise<void>;
}

/**
 * Debian's sshd on 127.0.0.1 with a config, host key and authorized_keys of its own in a temporary
 * folder, serving the repositories of this machine (git-upload-pack over ssh) to the user the
 * tests run as (root here). A new server has a new host key; `port` reuses an old server's port.
 */
export async function sshServer(opts: { port?: number } = {}): Promise<SshServer> {
  const port = opts.port ?? (await freePort());
  const dir = await fs.mkdtemp(path.join(os.tmpdir(), 'berth-sshd-'));
  const user = os.userInfo().username;
  const hostKeyFile = path.join(dir, 'host_ed25519');
  const authorized = path.join(dir, 'authorized_keys');
  await run('ssh-keygen', ['-q', '-t', 'ed25519', '-N', '', '-C', 'berth-test-host', '-f', hostKeyFile], { env: baseEnv });
  await fs.writeFile(authorized, '', { mode: 0o600 });
  const config = path.join(dir, 'sshd_config');
  await fs.writeFile(
    config,
    [
      `ListenAddress 127.0.0.1:${port}`,
      `HostKey ${hostKeyFile}`,
      `PidFile ${path.join(dir, 'sshd.pid')}`,
      `AuthorizedKeysFile ${authorized}`,
      `AllowUsers ${user}`,
      'PermitRootLogin prohibit-password',
      'PubkeyAuthentication yes',
      'PasswordAuthentication no',
      'KbdInteractiveAuthentication no',
      'UsePAM no',
      'StrictModes no',
      'PrintMotd no',
      'LogLevel VERBOSE',
      '',
    ].join('\n'),
  );
  // sshd started by root wants its privilege separation folder.
  if (process.getuid?.() === 0) await fs.mkdir('/run/sshd', { recursive: true, mode: 0o755 });
  const log: string[] = [];
  const child = spawn('/usr/sbin/sshd', ['-D', '-e', '-f', config], { env: baseEnv, stdio: ['ignore', 'ignore', 'pipe'] });
  child.stderr!.on('data', (d: Buffer) => log.push(...d.toString().split('\n').filter(Boolean)));
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  await waitFor(`sshd to listen (${log.join(' | ')})`, () => portOpen(port), 10_000, 50);
  const [type = '', key = ''] = (await fs.readFile(`${hostKeyFile}.pub`, 'utf8')).split(' ');
  return {
    url: (repo) => `ssh://${user}@127.0.0.1:${port}${repo}`,
    hostKey: `${type} ${key}`,
    authorize: (publicKey) => fs.appendFile(authorized, `${publicKey.trim()}\n`),
    log,
    port,
    async stop() {
      child.kill('SIGTERM');
      await exited;
      await fs.rm(dir, { recursive: true, force: true });
    },
  };
}
