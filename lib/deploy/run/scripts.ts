import type { ResolvedSetup } from '../zerops-yml';
import { cronFiles } from './crontab';
import { envReplaceFiles } from './env-replace';

/**
 * Files baked into every app version image. The start script runs the version's initCommands,
 * then its start command (or startCommands, or the image's own web server), as PID 1's child under
 * the image's init (tini), which forwards signals. User commands are the user's program: they run
 * in the user's container as `sh -c <line>`, read from files, never pasted into a script.
 */
export const RUN_SCRIPT = `#!/bin/sh
# Runs an app version: envReplace, initCommands in order, the crontab scheduler beside the app,
# then the start command(s) or the given server.
set -e
cd /var/www
run_dir() { i=0; while [ -f "$1/$i" ]; do sh -c "$(cat "$1/$i")"; i=$((i+1)); done; }
[ -d /etc/berth/env-replace ] && /usr/local/bin/berth-env-replace
[ -d /etc/berth/init ] && run_dir /etc/berth/init
[ -d /etc/berth/cron ] && /usr/local/bin/berth-cron &
if [ -d /etc/berth/start/0 ]; then
  if [ ! -d /etc/berth/start/1 ]; then
    cd "$(cat /etc/berth/start/0/dir)"
    [ -d /etc/berth/start/0/init ] && run_dir /etc/berth/start/0/init
    exec sh -c "$(cat /etc/berth/start/0/command)"
  fi
  pids=""
  i=0
  while [ -d "/etc/berth/start/$i" ]; do
    d="/etc/berth/start/$i"
    ( cd "$(cat "$d/dir")"; [ -d "$d/init" ] && run_dir "$d/init"; exec sh -c "$(cat "$d/command")" ) &
    pids="$pids $!"
    i=$((i+1))
  done
  trap 'kill -TERM $pids 2>/dev/null; wait; exit 0' TERM INT
  wait
  exit 0
fi
exec "$@"
`;

/** Zerops' in-container helper, the commands public zerops.yml files use. */
export const ZSC_SCRIPT = `#!/bin/sh
# zsc: execOnce runs a command once per key across all containers of the service
# (they share /run/berth-once); the others wait for it and exit with its code. noop idles.
case "$1" in
  noop)
    exec sleep infinity ;;
  execOnce)
    [ $# -ge 3 ] || { echo "usage: zsc execOnce <key> -- <command>" >&2; exit 2; }
    key="$2"; shift 2; [ "$1" = "--" ] && shift
    dir="/run/berth-once/$(printf '%s' "$key" | sha256sum | cut -c1-32)"
    mkdir -p /run/berth-once
    if mkdir "$dir" 2>/dev/null; then
      set +e; "$@"; code=$?; set -e
      echo "$code" > "$dir/exit.tmp" && mv "$dir/exit.tmp" "$dir/exit"
      exit "$code"
    fi
    while [ ! -f "$dir/exit" ]; do sleep 1; done
    exit "$(cat "$dir/exit")" ;;
  *)
    echo "zsc: '$1' is not available here (available: execOnce, noop)" >&2; exit 2 ;;
esac
`;

/** Web-server types: the server the image starts, and the site config pointed at the document root. */
interface WebServer {
  cmd: string[];
  configPath: string;
  config(root: string): string;
}

// Both families: on a project network with IPv6 the service's neighbours reach it over IPv6 first.
const nginxSite = (root: string, php: boolean) => `server {
  listen 80 default_server;
  listen [::]:80 default_server;
  root ${root};
  index ${php ? 'index.php ' : ''}index.html index.htm;
  location / { try_files $uri $uri/ ${php ? '/index.php?$query_string' : '$uri.html =404'}; }
${php ? '  location ~ \\.php$ {\n    include snippets/fastcgi-php.conf;\n    fastcgi_pass unix:/run/php/php-fpm.sock;\n  }\n' : ''}}
`;

/** Apache's site for php-apache: the document root, `.htaccess` honoured, unknown paths to index.php. */
const apacheSite = (root: string) => `<VirtualHost *:80>
  DocumentRoot ${root}
  <Directory ${root}>
    AllowOverride All
    Require all granted
    FallbackResource /index.php
  </Directory>
  CustomLog /dev/stdout combined
</VirtualHost>
`;

export const WEB_SERVERS: Record<string, WebServer> = {
  static: { cmd: ['nginx', '-g', 'daemon off;'], configPath: 'etc/nginx/sites-enabled/default', config: (r) => nginxSite(r, false) },
  nginx: { cmd: ['nginx', '-g', 'daemon off;'], configPath: 'etc/nginx/sites-enabled/default', config: (r) => nginxSite(r, false) },
  'php-nginx': { cmd: ['/usr/local/bin/berth-php'], configPath: 'etc/nginx/sites-enabled/default', config: (r) => nginxSite(r, true) },
  'php-apache': { cmd: ['/usr/local/bin/berth-php'], configPath: 'etc/apache2/sites-enabled/000-default.conf', config: apacheSite },
};

export interface VersionFiles {
  files: { name: string; content: string; mode?: number }[];
  dirs: string[];
  cmd: string[];
}

/** The files and command of an app version image for a service of `type`. */
export function versionFiles(type: string, run: ResolvedSetup['run']): VersionFiles {
  const files: VersionFiles['files'] = [
    { name: 'usr/local/bin/berth-run', content: RUN_SCRIPT, mode: 0o755 },
    { name: 'usr/local/bin/zsc', content: ZSC_SCRIPT, mode: 0o755 },
    ...envReplaceFiles(run),
    ...cronFiles(run),
  ];
  const dirs = ['var/www/', 'etc/berth/'];
  run.initCommands.forEach((c, i) => files.push({ name: `etc/berth/init/${i}`, content: c }));
  const starts = run.start ? [{ command: run.start, workingDir: undefined, initCommands: [] as string[] }] : run.startCommands;
  starts.forEach((s, i) => {
    files.push({ name: `etc/berth/start/${i}/command`, content: s.command });
    files.push({ name: `etc/berth/start/${i}/dir`, content: s.workingDir ? (s.workingDir.startsWith('/') ? s.workingDir : `/var/www/${s.workingDir}`) : '/var/www' });
    s.initCommands.forEach((c, j) => files.push({ name: `etc/berth/start/${i}/init/${j}`, content: c }));
  });
  const web = WEB_SERVERS[type];
  if (web) {
    const root = `/var/www${run.documentRoot ? `/${run.documentRoot.replace(/^\/+|\/+$/g, '')}` : ''}`;
    files.push({ name: web.configPath, content: web.config(root) });
  }
  return { files, dirs, cmd: ['/usr/local/bin/berth-run', ...(starts.length ? [] : (web?.cmd ?? []))] };
}

/** Types whose image serves files by itself; the others need run.start. */
export const needsStart = (type: string) => !(type in WEB_SERVERS);
