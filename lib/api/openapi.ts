import { z } from 'zod';
import { addMemberSchema, tokenNameSchema } from '@/lib/validations/members';
import { createProjectSchema, envEntrySchema } from '@/lib/validations/projects';
import { addServiceSchema, objectStorageChangeSchema, scaleSchema } from '@/lib/validations/services';
import { logForwardSchema } from '@/lib/logs/syslog';
import { domainSchema } from '@/lib/validations/domains';
import { importRequestSchema } from '@/lib/validations/import';
import { deployGitSchema } from '@/lib/validations/deploy';
import { autoscalingSchema } from '@/lib/db/schema/autoscaling';
import { backupScheduleSchema, backupTargetRequestSchema, restoreSchema } from '@/lib/validations/backups';
import { version } from '@/lib/version';

type Method = 'get' | 'post' | 'put' | 'delete';
interface Op {
  summary: string;
  body?: Record<string, unknown>;
  status?: number;
  /** Query parameters: name → description (optional strings). */
  query?: Record<string, string>;
}

const keepBackups = { keepBackups: 'true (the default) keeps the backups, restorable into a new service; false deletes them' };
const id = (name: string) => ({ name, in: 'path', required: true, schema: { type: 'string', format: 'uuid' } });
const str = (name: string) => ({ name, in: 'path', required: true, schema: { type: 'string' } });
/** Request bodies come from the same zod schemas the API validates with. */
function bodyOf(schema: z.ZodType): Record<string, unknown> {
  const json = { ...(z.toJSONSchema(schema, { io: 'input', unrepresentable: 'any' }) as Record<string, unknown>) };
  delete json.$schema;
  if (json.type === 'object') json.additionalProperties = false; // the API refuses unknown fields
  return json;
}
const envBody = bodyOf(envEntrySchema);

/** Every /api/v1 route, method and summary. A test checks this against the route files. */
export const apiPaths: Record<string, Partial<Record<Method, Op>>> = {
  '/projects': {
    get: { summary: 'List the projects you are a member of' },
    post: {
      summary: 'Create a project (starts project.create)',
      status: 202,
      body: bodyOf(createProjectSchema),
    },
  },
  '/projects/import': {
    post: {
      summary: 'Import a project from a Zerops import YAML (dryRun: 200 with the preview; else 202 with the project.import process; 422 lists line/column/path/message)',
      status: 202,
      body: bodyOf(importRequestSchema),
    },
  },
  '/projects/{projectId}/services/import': {
    post: { summary: 'Import services into the project from a Zerops import YAML (services only; override: true redeploys a runtime)', status: 202, body: bodyOf(importRequestSchema) },
  },
  '/projects/{projectId}/export': { get: { summary: 'The project as import YAML (secrets as generator placeholders; ?includeSecrets=true writes values, audited)' } },
  '/projects/{projectId}/services/{serviceId}/export': { get: { summary: 'One service as import YAML (?includeSecrets=true writes secret values, audited)' } },
  '/projects/{projectId}': { get: { summary: 'Get a project (with publicIpV6 and publicIpV4, null when it has none; networkIpv6 and networkIpv6Subnet: IPv6 on its private network, chosen at creation)' }, delete: { summary: 'Delete a project (starts project.delete)', status: 202, query: keepBackups } },
  '/projects/{projectId}/ipv4': {
    post: { summary: 'Give the project an IPv4 address beside its IPv6 one (owner; starts project.updateAddresses)', status: 202 },
    delete: { summary: 'Release the project’s IPv4 address; it keeps serving on IPv6 (owner; starts project.updateAddresses)', status: 202 },
  },
  '/projects/{projectId}/services': {
    get: { summary: 'List services' },
    post: {
      summary: 'Add a service (starts stack.create)',
      status: 202,
      body: bodyOf(addServiceSchema),
    },
  },
  '/projects/{projectId}/services/{serviceId}': { get: { summary: 'Get a service with its containers' }, delete: { summary: 'Delete a service (starts stack.delete)', status: 202, query: keepBackups } },
  '/projects/{projectId}/services/{serviceId}/{action}': { post: { summary: 'start | stop | restart a service', status: 202 } },
  '/projects/{projectId}/services/{serviceId}/object-storage': {
    put: { summary: "Change an object storage's quota (sizeGb) or bucket access (policy, rawPolicy); its container is replaced", status: 202, body: bodyOf(objectStorageChangeSchema) },
  },
  '/projects/{projectId}/services/{serviceId}/scale': {
    put: { summary: 'Set the container count (runtimes 1–10)', status: 202, body: bodyOf(scaleSchema) },
  },
  '/projects/{projectId}/services/{serviceId}/autoscaling': {
    get: { summary: 'Scaling settings, current resources and container count, and scaling events (newest first)' },
    put: { summary: 'Set the scaling ranges (verticalAutoscaling keys, minContainers/maxContainers), checked against the host', status: 202, body: bodyOf(autoscalingSchema) },
  },
  '/projects/{projectId}/env': { get: { summary: 'Project variables (secrets masked; ?reveal=1 for writers)' }, put: { summary: 'Set a project variable (takes effect on restart)', body: envBody } },
  '/projects/{projectId}/env/{key}': { delete: { summary: 'Delete a project variable' } },
  '/projects/{projectId}/services/{serviceId}/env': { get: { summary: 'Service variables (secrets masked)' }, put: { summary: 'Set a service variable (takes effect on restart)', body: envBody } },
  '/projects/{projectId}/services/{serviceId}/env/{key}': { delete: { summary: 'Delete a service variable' } },
  '/projects/{projectId}/processes': { get: { summary: 'List processes, newest first (?limit=1–500, default 50)' } },
  '/projects/{projectId}/processes/{processId}': { get: { summary: 'Get a process with its step log' } },
  '/projects/{projectId}/processes/{processId}/cancel': { post: { summary: 'Cancel a pending or running process (a project deletion cannot be canceled)' } },
  '/projects/{projectId}/containers': { get: { summary: 'List containers with their observed status (?serviceId= for one service)' } },
  '/projects/{projectId}/members': {
    get: { summary: 'List members' },
    post: { summary: 'Add a member or viewer (owner only)', status: 201, body: bodyOf(addMemberSchema) },
  },
  '/projects/{projectId}/members/{userId}': { delete: { summary: 'Remove a member (owner only)', status: 204 } },
  '/projects/{projectId}/ports': {
    get: { summary: 'List public TCP/UDP ports on the project address' },
    post: {
      summary: 'Open a public port to a service port, with a firewall (starts stack.updatePorts)',
      status: 202,
      body: {
        type: 'object',
        required: ['serviceId', 'publicPort', 'internalPort'],
        properties: {
          serviceId: { type: 'string', format: 'uuid' },
          publicPort: { type: 'integer', minimum: 10, maximum: 65435 },
          internalPort: { type: 'integer' },
          protocol: { enum: ['tcp', 'udp'] },
          firewall: { type: 'object', properties: { policy: { enum: ['none', 'allow', 'deny'] }, ranges: { type: 'array', items: { type: 'string' } } } },
        },
      },
    },
  },
  '/projects/{projectId}/domains': {
    get: { summary: 'List custom domains with their staged state (isSynced, deleteOnSync)' },
    post: { summary: 'Stage a domain (and path) for a service; publish to apply', status: 201, body: bodyOf(domainSchema) },
  },
  '/projects/{projectId}/domains/{domainId}': { delete: { summary: 'Stage the removal of a domain; publish to apply', status: 204 } },
  '/projects/{projectId}/certificates': {
    get: { summary: "The project's certificates (internal CA and ACME per custom domain): issuer, status, expiry, last ACME error; never keys" },
  },
  '/projects/{projectId}/services/{serviceId}/stats': {
    get: { summary: "The service's resource samples per container (?minutes=1..10080, default 60): CPU %, memory, network and block I/O" },
  },
  '/projects/{projectId}/logs': {
    get: { summary: "The project's collected log lines, oldest first (?service=&container=&q=&since=&until=&limit=, times in ISO 8601)" },
  },
  '/projects/{projectId}/logs/archive': {
    get: { summary: "The last lines of the project logger's archive as text/plain (?lines=1..100000, default 1000)" },
  },
  '/projects/{projectId}/log-forwarding': {
    put: { summary: "Forward the project's logs to a syslog endpoint (UDP, RFC 5424)", body: bodyOf(logForwardSchema) },
    delete: { summary: 'Stop forwarding logs', status: 204 },
  },
  '/projects/{projectId}/routing/publish': { post: { summary: 'Publish staged routing changes (starts project.publishRouting)', status: 202 } },
  '/projects/{projectId}/ports/{portId}': { delete: { summary: 'Close a public port', status: 202 } },
  '/projects/{projectId}/services/{serviceId}/firewall': {
    put: { summary: "Firewall of the service's subdomain route", status: 202, body: { type: 'object', properties: { policy: { enum: ['none', 'allow', 'deny'] }, ranges: { type: 'array', items: { type: 'string' } } } } },
  },
  '/projects/{projectId}/services/{serviceId}/deploys': {
    get: { summary: 'List app versions, newest first (status, source, setup, who, durations)' },
    post: {
      summary:
        'Deploy (starts service.deploy): a JSON body deploys from Git; a tar.gz, tar or zip body (raw, or the `archive` field of multipart/form-data) deploys an archive; ?setup= picks the zerops.yml setup',
      status: 202,
      body: bodyOf(deployGitSchema),
    },
  },
  '/projects/{projectId}/services/{serviceId}/deploys/{versionId}': { get: { summary: 'Get an app version with its build log' } },
  '/projects/{projectId}/services/{serviceId}/deploys/{versionId}/activate': {
    post: { summary: 'Activate a kept app version again without a build (rollback; starts service.activateVersion)', status: 202 },
  },
  '/projects/{projectId}/services/{serviceId}/backups': {
    get: { summary: "The data service's backups, newest first (status, size, duration, sha256 of the encrypted file, tool and version, error)" },
    post: { summary: 'Back up now (starts service.backup); refused with 409 when the project has used its backup cap', status: 202 },
  },
  '/projects/{projectId}/services/{serviceId}/backups/upload': {
    post: {
      summary:
        'Upload a dump made elsewhere as a backup of the service (raw body, Content-Type: application/octet-stream; pg_dump -Fc for PostgreSQL, a .sql file for MariaDB, an RDB for Valkey/Redis, a tar for shared storage, a definitions JSON for RabbitMQ); restore it with POST …/restore',
      status: 201,
    },
  },
  '/projects/{projectId}/services/{serviceId}/backups/schedule': {
    get: { summary: 'The backup schedule and retention, the next five runs and the project usage against its cap' },
    put: { summary: 'Set the backup schedule (5-field cron in an IANA time zone) and retention (keepLast, keepDays)', body: bodyOf(backupScheduleSchema) },
  },
  '/projects/{projectId}/services/{serviceId}/restore': {
    post: {
      summary: 'Restore a complete backup into this service (its own or one of the same type and version; starts service.restore). The live data is replaced only once the restore loaded',
      status: 202,
      body: bodyOf(restoreSchema),
    },
  },
  '/projects/{projectId}/backups': { get: { summary: "Every backup of the project (deleted services' too) and its usage against the cap (5 GB Light, 25 GB Serious)" } },
  '/projects/{projectId}/backups/target': {
    get: { summary: "The project's S3-compatible backup target (endpoint, bucket, region, access key id; never the secret), or null" },
    put: { summary: 'Send new backups to an S3-compatible bucket (endpoint, bucket, keys; the secret key is stored encrypted) or to an object-storage service of the project (serviceId); checked with a probe write', body: bodyOf(backupTargetRequestSchema) },
    delete: { summary: 'New backups go under the data directory again', status: 204 },
  },
  '/projects/{projectId}/backups/{backupId}': { delete: { summary: 'Delete a backup and its file', status: 204 } },
  '/projects/{projectId}/backups/{backupId}/download': { post: { summary: 'Download the dump, decrypted while it streams (application/octet-stream; write access: a dump holds every secret of the data)' } },
  '/projects/{projectId}/services/{serviceId}/webhook': {
    get: { summary: 'The tracked Git repository and branch, and whether a push webhook exists' },
    post: { summary: "Reveal the service's push webhook URL path (GitHub/GitLab; made on first use)" },
  },
  '/projects/{projectId}/services/{serviceId}/deploy-key': {
    get: { summary: "The public line of the service's ssh deploy key for private Git repositories (publicKey: null when none)" },
    post: { summary: 'Generate a new Ed25519 deploy key (replaces the old one); returns the public line to add at the Git host', status: 201 },
  },
  '/projects/{projectId}/services/{serviceId}/deploy-key/known-hosts': {
    get: { summary: 'The Git hosts whose ssh keys the service trusts (pinned at the first fetch): host, key type, SHA256 fingerprint' },
    delete: { summary: 'Forget the key pinned for one host; the next fetch pins the key the host shows then', query: { host: 'the host as listed, e.g. github.com or [10.0.0.5]:2222 (required)' } },
  },
  '/projects/{projectId}/services/{serviceId}/webhook/regenerate': { post: { summary: 'Regenerate the webhook secret (the old URL stops working)' } },
  '/hooks/deploy/{serviceId}/{secret}': {
    post: { summary: 'Push webhook (GitHub or GitLab payload; the secret in the URL authenticates): a push to the tracked branch or a new tag deploys; wrong secret → 404', status: 202 },
  },
  '/tokens': { get: { summary: 'List your API tokens' }, post: { summary: 'Create an API token (shown once)', status: 201, body: bodyOf(tokenNameSchema) } },
  '/tokens/{tokenId}': { delete: { summary: 'Revoke an API token', status: 204 } },
  '/backups': { get: { summary: 'Your kept backups of deleted projects (restore one into a service of the same type and version with POST …/restore)' } },
  '/backups/{backupId}': { delete: { summary: 'Delete a kept backup of a deleted project and its file', status: 204 } },
};

const paramFor = (name: string) => (name === 'action' || name === 'key' || name === 'secret' ? str(name) : id(name));

export function openApiDocument() {
  const issue = { type: 'object', properties: { line: { type: 'integer' }, column: { type: 'integer' }, path: { type: 'string' }, message: { type: 'string' } } };
  const errorSchema = {
    type: 'object',
    properties: { error: { type: 'object', properties: { code: { type: 'string' }, message: { type: 'string' }, fields: { type: 'object' }, issues: { type: 'array', items: issue } } } },
  };
  const paths = Object.fromEntries(
    Object.entries(apiPaths).map(([path, ops]) => {
      const parameters = [...path.matchAll(/\{(\w+)\}/g)].map((m) => paramFor(m[1]!));
      return [
        path,
        Object.fromEntries(
          Object.entries(ops).map(([method, op]) => [
            method,
            {
              summary: op.summary,
              parameters: [
                ...parameters,
                ...Object.entries(op.query ?? {}).map(([name, description]) => ({ name, in: 'query', required: false, description, schema: { type: 'string' } })),
              ],
              requestBody: op.body ? { required: true, content: { 'application/json': { schema: op.body } } } : undefined,
              responses: {
                [String(op.status ?? 200)]: { description: 'OK' },
                '4XX': { description: 'Error', content: { 'application/json': { schema: errorSchema } } },
              },
            },
          ]),
        ),
      ];
    }),
  );
  return {
    openapi: '3.1.0',
    info: { title: 'Berth API', version, description: 'Projects, services, containers, env variables and processes.' },
    servers: [{ url: '/api/v1' }],
    components: { securitySchemes: { bearer: { type: 'http', scheme: 'bearer' } } },
    security: [{ bearer: [] }],
    paths,
  };
}
