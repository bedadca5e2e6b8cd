import { and, eq } from 'drizzle-orm';
import type { Db } from '@/lib/db/client';
import { containers, services } from '@/lib/db/schema';
import { AppError, invalid } from '@/lib/errors';
import { resolveServiceEnv } from '@/lib/envvars/resolve';
import { dockerEngine } from '@/lib/provisioner/docker/docker-engine';
import { networkName } from '@/lib/provisioner/labels';
import { loadProjectVars } from '@/lib/provisioner/wanted';
import type { S3Target } from './s3';

const S3_PORT = 9000;

/**
 * An object-storage service of the project as an S3 target: its bucket and key pair from the
 * service's variables, its address from its running container on the project network (the server
 * reaches it over the bridge), read at each use because a recreated container may get another one.
 */
export async function serviceTarget(db: Db, projectId: string, serviceId: string): Promise<S3Target> {
  const [service] = await db.select().from(services).where(and(eq(services.id, serviceId), eq(services.projectId, projectId)));
  if (!service) throw invalid('serviceId', 'is not a service of this project');
  if (service.type !== 'object-storage') throw invalid('serviceId', `${service.hostname} is not object storage`);
  const all = await db.select().from(services).where(eq(services.projectId, projectId));
  const vars = resolveServiceEnv(await loadProjectVars(db, projectId, all), service.hostname).env;
  const [row] = await db.select({ name: containers.name }).from(containers).where(eq(containers.serviceId, serviceId));
  const details = row ? await dockerEngine().inspectContainer(row.name) : undefined;
  const ip = details?.state === 'running' ? details.ips[networkName(projectId)] : undefined;
  if (!ip) throw new AppError('CONFLICT', `the object storage ${service.hostname} is not running`);
  return {
    endpoint: `http://${ip}:${S3_PORT}`,
    bucket: vars.bucketName ?? '',
    region: 'us-east-1',
    accessKeyId: vars.accessKeyId ?? '',
    secretAccessKey: vars.secretAccessKey ?? '',
  };
}
