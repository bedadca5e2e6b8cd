import fs from 'node:fs';
import path from 'node:path';

export interface RouteFile {
  file: string;
  /** `/projects/{projectId}/services` */
  template: string;
}

/** Every route.ts under app/api/v1, as an OpenAPI-style path template. */
export function listRouteFiles(root = path.join(process.cwd(), 'app/api/v1')): RouteFile[] {
  const out: RouteFile[] = [];
  const walk = (dir: string) => {
    for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
      const full = path.join(dir, entry.name);
      if (entry.isDirectory()) walk(full);
      else if (entry.name === 'route.ts') {
        const rel = path.relative(root, dir).split(path.sep).filter(Boolean);
        out.push({ file: full, template: '/' + rel.map((s) => s.replace(/^\[(\w+)\]$/, '{$1}')).join('/') });
      }
    }
  };
  walk(root);
  return out.sort((a, b) => a.template.localeCompare(b.template));
}

/** Every `actions.ts` module under app/. */
export function listActionModules(root = path.join(process.cwd(), 'app')): string[] {
  const out: string[] = [];
  const walk = (dir: string) => {
    for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
      const full = path.join(dir, entry.name);
      if (entry.isDirectory()) walk(full);
      else if (entry.name === 'actions.ts') out.push(full);
    }
  };
  walk(root);
  return out.sort();
}

export const HTTP_METHODS = ['GET', 'POST', 'PUT', 'PATCH', 'DELETE'] as const;

type Handler = (req: Request, ctx: { params: Promise<Record<string, string>> }) => Promise<Response>;

/** Calls a route handler in-process with a real Request, as Next would. */
export async function callRoute(
  file: string,
  method: string,
  params: Record<string, string>,
  opts: { token?: string; body?: unknown; rawBody?: string; query?: string; headers?: Record<string, string> } = {},
): Promise<{ status: number; json: unknown; text: string }> {
  const mod = (await import(file)) as Record<string, Handler>;
  const handler = mod[method];
  if (!handler) throw new Error(`${file} has no ${method}`);
  const headers: Record<string, string> = { 'content-type': 'application/json' };
  if (opts.token) headers.authorization = `Bearer ${opts.token}`;
  // API clients are not browsers: what they send is same-origin unless a test says otherwise.
  if (!opts.token) headers['sec-fetch-site'] = 'same-origin';
  Object.assign(headers, opts.headers);
  const body = opts.rawBody ?? (opts.body === undefined ? undefined : JSON.stringify(opts.body));
  const req = new Request(`http://berth.test/api/v1/x${opts.query ?? ''}`, { method, headers, body: method === 'GET' ? undefined : body });
  const res = await handler(req, { params: Promise.resolve(params) });
  const text = await res.text();
  const isJson = (res.headers.get('content-type') ?? '').includes('json');
  return { status: res.status, json: text && isJson ? JSON.parse(text) : undefined, text };
}
