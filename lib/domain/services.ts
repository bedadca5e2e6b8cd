import os from 'node:os';
import { and, asc, eq, sql } from 'drizzle-orm';
import type { PgUpdateSetSource } from 'drizzle-orm/pg-core';
import { assertModeAllowed, capabilitiesOf, containerCount, getCatalogEntry, imageFor, resolveTypeVersion } from '@/lib/catalog';
import { requireQuota } from './quotas';
import { encryptSecret, randomPassword } from '@/lib/crypto/secrets';
import type { Db } from '@/lib/db/client';
import { containers, envVariables, projects, services, type Service } from '@/lib/db/schema';
import { env } from '@/lib/env';
import { AppError, conflict, invalid, notFound } from '@/lib/errors';
import { requireProjectAccess } from '@/lib/authz/project-access';
import { enqueueProcess, type ProcessAction } from '@/lib/processes/enqueue';
import { addServiceMultilineSchema, addServiceSchema, objectStorageChangeSchema, scaleSchema, type AddServiceInput } from '@/lib/validations/services';
import { parseInput } from '@/lib/validations/parse';
import { audit } from './audit';
import { lockProjectForChange, requireId, requireNotDeleting } from './ids';
import { checkPublicPort, insertPublicPort, portTaken } from './public-ports';
import { firewallSchema, publicPortSchema, type Firewall, type PublicPort } from '@/lib/validations/core';
import { enqueueOperation, supersedeOperations } from './operation';
import { isUniqueViolation } from './errors';
import { hostCapacity } from '@/lib/provisioner/host-capacity';
import type { ImportedServiceKeys } from '@/lib/db/schema/settings';
import { validateAutoscaling, withinRanges } from '@/lib/autoscale/ranges';
import { changedObjectStorageSettings, objectStorageSettings } from './object-storage-settings';

const hostnameTaken = (hostname: string) => conflict(`A service with hostname "${hostname}" already exists in this project`, 'hostname');

export interface AddServiceOptions {
  /** Import keys kept on the service (priority, mounts, Git source) so an export writes them back. */
  settings?: ImportedServiceKeys;
  /** Variables may span lines (values from an import file). */
  multilineEnv?: boolean;
  /** Public ports on the project address, opened with the service (the dashboard wizard). */
  publicPorts?: unknown[];
  /** The firewall of the service's subdomain route. */
  routeFirewall?: unknown;
}

/**
 * Adds a service: validates against the catalog, stores generated variables (encrypted), and
 * writes the service with its `stack.create` process in one transaction. Two racing adds of one
 * hostname: the unique index lets exactly one win; the other gets CONFLICT.
 */
export async function addService(db: Db, userId: string, projectId: string, raw: AddServiceInput, opts: AddServiceOptions = {}) {
  const { service, process } = await writeService(db, userId, projectId, raw, { ...opts, enqueue: true });
  return { service, process: process! };
}

/**
 * The service row and its variables without a process: for a process (an import) that reconciles
 * and waits for the services itself.
 */
export const addServiceRow = (db: Db, userId: string, projectId: string, raw: AddServiceInput, opts: AddServiceOptions = {}) =>
  writeService(db, userId, projectId, raw, { ...opts, enqueue: false }).then((r) => r.service);

async function writeService(db: Db, userId: string, projectId: string, raw: AddServiceInput, opts: AddServiceOptions & { enqueue: boolean }) {
  const { project } = await requireProjectAccess(db, userId, projectId, 'write');
  requireNotDeleting(project);
  const input = parseInput(opts.multilineEnv ? addServiceMultilineSchema : addServiceSchema, raw);
  const { entry, version } = resolveTypeVersion(input.version ? `${input.type.split('@')[0]}@${input.version}` : input.type);
  assertModeAllowed(entry, input.mode);
  imageFor(entry, version, env.BERTH_IMAGE_SOURCE);
  const can = capabilitiesOf(entry);
  if (!can.horizontalScaling && input.containerCount > 1) {
    throw new AppError('VALIDATION', `containerCount: ${entry.displayName} runs a fixed topology; use mode HA for more containers`, {
      containerCount: ['managed services have a fixed container count'],
    });
  }
  if (input.port && !can.customHttpPort) {
    throw new AppError('VALIDATION', `port: ${entry.displayName} listens on fixed ports`, { port: [`${entry.displayName} listens on fixed ports`] });
  }
  const keys = new Set<string>();
  for (const e of input.env) {
    if (keys.has(e.key.toLowerCase())) throw new AppError('VALIDATION', `env: duplicate key ${e.key}`, { env: [`duplicate key ${e.key}`] });
    keys.add(e.key.toLowerCase());
  }
  const [existing] = await db.select({ id: services.id }).from(services).where(and(eq(services.projectId, projectId), eq(services.hostname, input.hostname)));
  if (existing) throw hostnameTaken(input.hostname);
  // Charged to the project's creator (its tenant), whoever of its members adds the service.
  const scaling = input.autoscaling ?? {};
  validateAutoscaling(scaling, entry, hostCapacity(), 'autoscaling.');
  const start = withinRanges({ resources: input.resources ?? entry.resources, containerCount: input.containerCount }, scaling, can.horizontalScaling, { starting: true });
  const count = containerCount(entry, input.mode, start.containerCount);
  const res = start.resources;
  const cores = os.availableParallelism();
  if (res.cpu > cores) throw new AppError('VALIDATION', `resources: at most ${cores} CPUs (this server has ${cores})`, { resources: [`at most ${cores} CPUs`] });
  await requireQuota(db, project.createdBy ?? userId, { services: 1, containers: count, cpu: count * res.cpu, memoryMb: count * res.memoryMb });
  const settings = { ...opts.settings, ...objectStorageSettings(entry, input.objectStorage) };
  const servicePorts = entry.ports.map((p) => ({ port: can.customHttpPort && input.port ? input.port : p.port, protocol: p.protocol, httpSupport: p.http }));
  const access = parseAccess(opts, { type: entry.type, hostname: input.hostname, ports: servicePorts });

  try {
    return await db.transaction(async (tx) => {
      await lockProjectForChange(tx, projectId);
      const [service] = await tx
        .insert(services)
        .values({
          projectId,
          hostname: input.hostname,
          type: entry.type,
          version,
          mode: input.mode,
          containerCount: count,
          resources: res,
          autoscaling: scaling,
          ports: servicePorts,
          subdomainAccess: input.subdomainAccess,
          settings: { ...settings, ...(access.routeFirewall ? { httpFirewall: access.routeFirewall } : {}) },
        })
        .returning();
      const generated = entry.generate({
        hostname: input.hostname,
        serviceId: service!.id,
        projectId,
        mode: input.mode,
        password: () => randomPassword(),
        objectStorageSize: settings.objectStorageSize,
      });
      const generatedKeys = new Map(Object.keys(generated).map((k) => [k.toLowerCase(), k]));
      input.env.forEach((e, i) => {
        const clash = generatedKeys.get(e.key.toLowerCase());
        if (clash) throw invalid(`env.${i}.key`, `${e.key} is generated by Berth for ${entry.displayName} (as ${clash}); choose another key`);
      });
      const rows = [
        ...Object.entries(generated).map(([key, v]) => ({ key, value: v.value, secret: v.secret, kind: 'generated' as const })),
        ...input.env.map((e) => ({ key: e.key, value: e.value, secret: e.secret, kind: 'user' as const })),
      ];
      await tx.insert(envVariables).values(
        rows.map((r) => ({
          projectId,
          serviceId: service!.id,
          scope: service!.id,
          key: r.key,
          keyLower: r.key.toLowerCase(),
          valueEncrypted: encryptSecret(r.value),
          secret: r.secret,
          kind: r.kind,
        })),
      );
      for (const [i, p] of access.ports.entries()) {
        // A savepoint each: a taken port is reported by its row, and the whole add is rolled back.
        await tx.transaction((sp) => insertPublicPort(sp, projectId, service!.id, p)).catch((err: unknown) => {
          throw isUniqueViolation(err) ? portTaken(p, project.address, `publicPorts.${i}.publicPort`) : err;
        });
      }
      const process = opts.enqueue
        ? await enqueueProcess(tx, { projectId, projectName: project.name, serviceId: service!.id, action: 'stack.create', createdBy: userId })
        : null;
      const ports = access.ports.map((p) => `${p.protocol}/${p.publicPort}`);
      await audit(tx, { userId, projectId, action: 'stack.create', target: input.hostname, details: { type: `${entry.type}@${version}`, mode: input.mode, ...(ports.length ? { publicPorts: ports.join(' ') } : {}) } });
      return { service: service!, process };
    });
  } catch (err) {
    if (isUniqueViolation(err, 'services_project_hostname_uq') || isUniqueViolation(err, 'hostname')) throw hostnameTaken(input.hostname);
    throw err;
  }
}

const portRequestSchema = publicPortSchema.omit({ serviceId: true });

/** The public ports and route firewall asked for with a new service, checked before anything is written. */
function parseAccess(opts: AddServiceOptions, service: Parameters<typeof checkPublicPort>[0]): { ports: Omit<PublicPort, 'serviceId'>[]; routeFirewall?: Firewall } {
  const list = opts.publicPorts ?? [];
  if (list.length > 10) throw invalid('publicPorts', 'at most 10 public ports');
  const ports = list.map((raw, i) => {
    const parsed = portRequestSchema.safeParse(raw);
    if (!parsed.success) {
      const issue = parsed.error.issues[0]!;
      throw invalid(`publicPorts.${i}.${issue.path.join('.')}`, issue.message);
    }
    checkPublicPort(service, parsed.data, `publicPorts.${i}.`);
    return parsed.data;
  });
  const seen = new Set<string>();
  ports.forEach((p, i) => {
    const key = `${p.protocol}/${p.publicPort}`;
    if (seen.has(key)) throw invalid(`publicPorts.${i}.publicPort`, `${key} is listed twice`);
    seen.add(key);
  });
  const routeFirewall = opts.routeFirewall === undefined ? undefined : parseInput(firewallSchema, opts.routeFirewall);
  return { ports, routeFirewall };
}

export async function listServices(db: Db, userId: string, projectId: string): Promise<Service[]> {
  await requireProjectAccess(db, userId, projectId, 'read');
  return db.select().from(services).where(eq(services.projectId, projectId)).orderBy(asc(services.createdAt));
}

export async function getService(db: Db, userId: string, projectId: string, serviceId: string) {
  const access = await requireProjectAccess(db, userId, projectId, 'read');
  const [service] = await db.select().from(services).where(and(eq(services.id, requireId(serviceId, 'Service')), eq(services.projectId, projectId)));
  if (!service) throw notFound('Service');
  const rows = await db.select().from(containers).where(eq(containers.serviceId, serviceId)).orderBy(asc(containers.name));
  return { ...access, service, containers: rows };
}

type Change = {
  action: ProcessAction;
  set: PgUpdateSetSource<typeof services> | ((s: Service) => PgUpdateSetSource<typeof services>);
  payload?: Record<string, unknown>;
  /** Further writes in the same transaction (after the service row is locked and checked). */
  also?: (tx: Db, service: Service) => Promise<void>;
};

export async function changeService(db: Db, userId: string, projectId: string, serviceId: string, change: Change) {
  const { project } = await requireProjectAccess(db, userId, projectId, 'write');
  requireNotDeleting(project);
  return db.transaction(async (tx) => {
    await lockProjectForChange(tx, projectId);
    const [service] = await tx.select().from(services).where(and(eq(services.id, requireId(serviceId, 'Service')), eq(services.projectId, projectId))).for('update');
    if (!service) throw notFound('Service');
    if (service.status === 'DELETING') throw conflict('The service is being deleted');
    const set = typeof change.set === 'function' ? change.set(service) : change.set;
    await tx.update(services).set({ ...set, updatedAt: new Date() }).where(eq(services.id, serviceId));
    await change.also?.(tx, service);
    const details = Object.fromEntries(Object.entries(set).filter(([, v]) => v === null || typeof v !== 'object'));
    const process = await enqueueOperation(tx, { userId, project }, { action: change.action, serviceId, payload: change.payload, audit: { target: service.hostname, details: { ...details, ...change.payload } } });
    return { process };
  });
}

export const startService = (db: Db, userId: string, projectId: string, serviceId: string) =>
  changeService(db, userId, projectId, serviceId, { action: 'stack.start', set: { running: true } });

export const stopService = (db: Db, userId: string, projectId: string, serviceId: string) =>
  changeService(db, userId, projectId, serviceId, { action: 'stack.stop', set: { running: false } });

/** Restart = new containers with the current variables (a bumped generation changes the spec hash). */
export const restartService = (db: Db, userId: string, projectId: string, serviceId: string) =>
  changeService(db, userId, projectId, serviceId, {
    action: 'stack.restart',
    set: { running: true, generation: sql`${services.generation} + 1` },
  });

/**
 * Changes an object storage's quota and bucket access (`objectStorage` as when it was added); its
 * container is replaced with them (a restart: the objects stay on the volume).
 */
export async function updateObjectStorage(db: Db, userId: string, projectId: string, serviceId: string, raw: unknown) {
  const { objectStorage: input } = parseInput(objectStorageChangeSchema, raw);
  return changeService(db, userId, projectId, serviceId, {
    action: 'stack.restart',
    set: (s) => {
      const change = objectStorageSettings(getCatalogEntry(s.type), input);
      return { settings: changedObjectStorageSettings(s.settings, change), running: true, generation: sql`${services.generation} + 1` };
    },
    payload: { objectStorage: { ...input, rawPolicy: input.rawPolicy === undefined ? undefined : 'set' } },
    async also(tx, s) {
      if (input.sizeGb === undefined) return;
      await tx
        .update(envVariables)
        .set({ valueEncrypted: encryptSecret(String(input.sizeGb)), updatedAt: new Date() })
        .where(and(eq(envVariables.serviceId, s.id), eq(envVariables.kind, 'generated'), eq(envVariables.keyLower, 'quotagbytes')));
    },
  });
}

export async function scaleService(db: Db, userId: string, projectId: string, serviceId: string, raw: { containerCount: unknown }) {
  await requireProjectAccess(db, userId, projectId, 'write');
  const { containerCount: wanted } = parseInput(scaleSchema, raw);
  const [service] = await db.select().from(services).where(and(eq(services.id, requireId(serviceId, 'Service')), eq(services.projectId, projectId)));
  if (service) {
    const { entry } = resolveTypeVersion(`${service.type}@${service.version}`);
    if (wanted < entry.scaling.min || wanted > entry.scaling.max) {
      throw new AppError('VALIDATION', `containerCount: ${entry.displayName} runs ${entry.scaling.min}–${entry.scaling.max} containers`, {
        containerCount: [`${entry.displayName} runs ${entry.scaling.min}–${entry.scaling.max} containers`],
      });
    }
    const more = wanted - service.containerCount;
    if (more > 0) {
      const [owner] = await db.select({ id: projects.createdBy }).from(projects).where(eq(projects.id, projectId));
      await requireQuota(db, owner?.id ?? userId, { containers: more, cpu: more * service.resources.cpu, memoryMb: more * service.resources.memoryMb });
    }
  }
  return changeService(db, userId, projectId, serviceId, { action: 'stack.scale', set: { containerCount: wanted } });
}

/** Deletes the service; its backups are kept (restorable into a new service) unless `keepBackups` is false. */
export const deleteService = (db: Db, userId: string, projectId: string, serviceId: string, opts: { keepBackups?: boolean } = {}) =>
  changeService(db, userId, projectId, serviceId, {
    action: 'stack.delete',
    set: { status: 'DELETING' },
    payload: { keepBackups: opts.keepBackups ?? true },
    also: (tx) => supersedeOperations(tx, userId, { projectId, serviceId }),
  });
