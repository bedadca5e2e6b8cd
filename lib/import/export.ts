import { and, asc, eq } from 'drizzle-orm';
import { stringify } from 'yaml';
import { getCatalogEntry } from '@/lib/catalog';
import { decryptSecret } from '@/lib/crypto/secrets';
import type { Db } from '@/lib/db/client';
import { envVariables, services, type Project, type Service } from '@/lib/db/schema';
import { notFound } from '@/lib/errors';
import { requireProjectAccess } from '@/lib/authz/project-access';
import { audit } from '@/lib/domain/audit';
import { requireId } from '@/lib/domain/ids';
import { PREPROCESSOR_HEADER } from './preprocessor';

export interface ExportOptions {
  /** Write secret values instead of `<@generateRandomString(<N>)>` placeholders (audited). */
  includeSecrets?: boolean;
}

type Var = { key: string; value: string; secret: boolean };
const REF = /\$\{[A-Za-z_][A-Za-z0-9_]*\}/g;
/** Built from references (`${db_user}:${db_password}`) with no long literal run that could be a secret. */
const composedOfReferences = (v: string) => v.search(REF) >= 0 && !/[A-Za-z0-9]{12,}/.test(v.replace(REF, ' '));
/** Characters the preprocessor reads as syntax are escaped so a value comes back as written. */
const escape = (v: string) => v.replace(/[\\<>]/g, (c) => `\\${c}`);

function envMap(vars: Var[], includeSecrets: boolean): Record<string, string> | undefined {
  if (!vars.length) return undefined;
  return Object.fromEntries(
    vars.map((v) => {
      // A secret that only combines references (`${db_password}`) is no secret value itself.
      if (!v.secret || includeSecrets || composedOfReferences(v.value)) return [v.key, escape(v.value)];
      return [v.key, `<@generateRandomString(<${Math.min(1024, Math.max(8, v.value.length))}>)>`];
    }),
  );
}

function serviceDoc(s: Service, vars: Var[], includeSecrets: boolean): Record<string, unknown> {
  const entry = getCatalogEntry(s.type);
  const settings = s.settings;
  const scalable = entry.category === 'runtime' || entry.category === 'static' || entry.category === 'linux';
  const deploy = settings.deploy ?? {};
  const defaultPort = entry.ports[0]?.port;
  const port = s.ports[0]?.port;
  const { minContainers, maxContainers, ...vertical } = s.autoscaling;
  const resourcesChanged = s.resources.cpu !== entry.resources.cpu || s.resources.memoryMb !== entry.resources.memoryMb;
  const doc: Record<string, unknown> = {
    hostname: s.hostname,
    type: `${s.type}@${s.version}`,
    mode: s.mode,
    priority: settings.priority ?? (entry.category === 'runtime' || entry.category === 'static' ? undefined : 10),
    enableSubdomainAccess: s.subdomainAccess || undefined,
    startWithoutCode: settings.startWithoutCode,
    buildFromGit: deploy.buildFromGit,
    zeropsSetup: deploy.zeropsSetup,
    zeropsYaml: deploy.zeropsYaml,
    minContainers: scalable ? (minContainers ?? s.containerCount) : undefined,
    maxContainers: scalable ? (maxContainers ?? minContainers ?? s.containerCount) : undefined,
    verticalAutoscaling: Object.keys(vertical).length ? vertical : resourcesChanged ? { minCpu: s.resources.cpu, minRam: s.resources.memoryMb / 1024 } : undefined,
    ports: entry.category === 'runtime' && port && port !== defaultPort ? [{ port, httpSupport: true }] : undefined,
    mount: settings.mount,
    objectStorageSize: settings.objectStorageSize,
    objectStoragePolicy: settings.objectStoragePolicy,
    objectStorageRawPolicy: settings.objectStorageRawPolicy,
    envSecrets: envMap(vars, includeSecrets),
  };
  return Object.fromEntries(Object.entries(doc).filter(([, v]) => v !== undefined));
}

function toYaml(doc: Record<string, unknown>): string {
  const body = stringify(doc, { lineWidth: 0 });
  return body.includes('<@') ? `${PREPROCESSOR_HEADER}\n${body}` : body;
}

async function userVars(db: Db, projectId: string) {
  const rows = await db.select().from(envVariables).where(and(eq(envVariables.projectId, projectId), eq(envVariables.kind, 'user'))).orderBy(asc(envVariables.key));
  return rows.map((r) => ({ serviceId: r.serviceId, key: r.key, value: decryptSecret(r.valueEncrypted), secret: r.secret }));
}

async function access(db: Db, userId: string, projectId: string, opts: ExportOptions): Promise<Project> {
  const { project } = await requireProjectAccess(db, userId, projectId, opts.includeSecrets ? 'write' : 'read');
  return project;
}

/** The project as an import file that recreates it: project, services (in creation order), variables. */
export async function exportProject(db: Db, userId: string, projectId: string, opts: ExportOptions = {}): Promise<string> {
  const project = await access(db, userId, projectId, opts);
  const list = await db.select().from(services).where(eq(services.projectId, projectId)).orderBy(asc(services.createdAt), asc(services.hostname));
  const vars = await userVars(db, projectId);
  const settings = project.settings;
  const includeSecrets = Boolean(opts.includeSecrets);
  const doc = {
    project: Object.fromEntries(
      Object.entries({
        name: project.name,
        description: project.description || undefined,
        corePackage: project.corePackage,
        // The addresses are this installation's: an import elsewhere gets its own (IPv4 only when this one has it).
        publicIpV6: project.address6 ?? undefined,
        publicIpV4: project.address ?? false,
        // Berth's key, written only when on: other exports stay plain Zerops files.
        networkIpv6: project.network6 ? true : undefined,
        tags: settings.tags?.length ? settings.tags : undefined,
        envVariables: envMap(vars.filter((v) => !v.serviceId), includeSecrets),
      }).filter(([, v]) => v !== undefined),
    ),
    // Creation order (priority, highest first), then by hostname: the same project always exports the same text.
    services: list
      .filter((s) => s.status !== 'DELETING')
      .map((s) => serviceDoc(s, vars.filter((v) => v.serviceId === s.id), includeSecrets))
      .sort((a, b) => Number(b.priority ?? 0) - Number(a.priority ?? 0) || String(a.hostname).localeCompare(String(b.hostname))),
  };
  if (includeSecrets) await audit(db, { userId, projectId, action: 'project.export', target: project.name, details: { includeSecrets: true } });
  return toYaml(doc);
}

/** One service as a service-import file. */
export async function exportService(db: Db, userId: string, projectId: string, serviceId: string, opts: ExportOptions = {}): Promise<string> {
  await access(db, userId, projectId, opts);
  const [s] = await db.select().from(services).where(and(eq(services.id, requireId(serviceId, 'Service')), eq(services.projectId, projectId)));
  if (!s) throw notFound('Service');
  const vars = (await userVars(db, projectId)).filter((v) => v.serviceId === s.id);
  if (opts.includeSecrets) await audit(db, { userId, projectId, action: 'stack.export', target: s.hostname, details: { includeSecrets: true } });
  return toYaml({ services: [serviceDoc(s, vars, Boolean(opts.includeSecrets))] });
}
