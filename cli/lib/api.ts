import fs from 'node:fs';
import { Readable } from 'node:stream';
import { CliError, loadConfig, type CliConfig } from './config';

interface Issue {
  line: number;
  column: number;
  path: string;
  message: string;
}
interface ApiErrorBody {
  error?: { code?: string; message?: string; issues?: Issue[] };
}

/** A located problem list as the terminal shows it: `file:line:column  path: message`. */
export function formatIssues(issues: Issue[], file = ''): string {
  return issues.map((i) => `${file ? `${file}:` : ''}${i.line}:${i.column}  ${i.path}: ${i.message}`).join('\n');
}

export class ApiClient {
  constructor(readonly config: CliConfig) {}

  static async load(): Promise<ApiClient> {
    return new ApiClient(await loadConfig());
  }

  async request(method: string, path: string, body?: unknown, file?: string): Promise<Response> {
    const url = `${this.config.url.replace(/\/+$/, '')}/api/v1${path}`;
    let res: Response;
    try {
      res = await fetch(url, {
        method,
        headers: { authorization: `Bearer ${this.config.token}`, ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
        body: body === undefined ? undefined : JSON.stringify(body),
      });
    } catch (err) {
      throw new CliError(`Cannot reach ${this.config.url}: ${err instanceof Error ? err.message : String(err)}`);
    }
    if (res.ok) return res;
    const parsed = (await res.json().catch(() => ({}))) as ApiErrorBody;
    const issues = parsed.error?.issues;
    throw new CliError(issues?.length ? `${parsed.error?.message ?? 'Refused'}\n${formatIssues(issues, file)}` : `${res.status} ${parsed.error?.message ?? res.statusText}`);
  }

  /** POSTs raw bytes (an archive) and reads the JSON answer. */
  async upload<T>(path: string, data: Buffer, contentType: string): Promise<T> {
    const url = `${this.config.url.replace(/\/+$/, '')}/api/v1${path}`;
    let res: Response;
    try {
      res = await fetch(url, { method: 'POST', headers: { authorization: `Bearer ${this.config.token}`, 'content-type': contentType }, body: new Uint8Array(data) });
    } catch (err) {
      throw new CliError(`Cannot reach ${this.config.url}: ${err instanceof Error ? err.message : String(err)}`);
    }
    const parsed = (await res.json().catch(() => ({}))) as ApiErrorBody & T;
    if (!res.ok) throw new CliError(`${res.status} ${parsed.error?.message ?? res.statusText}`);
    return parsed;
  }

  /** POSTs a file as the raw body, streamed from disk (a dump can be gigabytes), and reads the JSON answer. */
  async uploadFile<T>(path: string, file: string, contentType: string): Promise<T> {
    const url = `${this.config.url.replace(/\/+$/, '')}/api/v1${path}`;
    const size = fs.statSync(file).size;
    let res: Response;
    try {
      const init: RequestInit & { duplex: 'half' } = {
        method: 'POST',
        headers: { authorization: `Bearer ${this.config.token}`, 'content-type': contentType, 'content-length': String(size) },
        body: Readable.toWeb(fs.createReadStream(file)) as ReadableStream<Uint8Array>,
        duplex: 'half',
      };
      res = await fetch(url, init);
    } catch (err) {
      throw new CliError(`Cannot reach ${this.config.url}: ${err instanceof Error ? err.message : String(err)}`);
    }
    const parsed = (await res.json().catch(() => ({}))) as ApiErrorBody & T;
    if (!res.ok) throw new CliError(`${res.status} ${parsed.error?.message ?? res.statusText}`);
    return parsed;
  }

  async json<T>(method: string, path: string, body?: unknown, file?: string): Promise<T> {
    return (await (await this.request(method, path, body, file)).json()) as T;
  }
}
