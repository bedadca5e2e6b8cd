import { readArchiveBody } from '@/lib/api/deploy-upload';
import { apiRoute } from '@/lib/api/handler';
import { deployArchive, deployGit, listVersions } from '@/lib/domain/deploys';
import { deployGitSchema, type DeployGitInput } from '@/lib/validations/deploy';

type P = { projectId: string; serviceId: string };

export const GET = apiRoute<P>(async ({ db, user, params }) => ({ versions: await listVersions(db, user.id, params.projectId, params.serviceId) }));

/** JSON body: deploy from Git. Any other body: an archive (raw, or the `archive` field of a form); `?setup=` picks the setup. */
export const POST = apiRoute<P>(
  async ({ db, user, params, req, body, query }) => {
    if ((req.headers.get('content-type') ?? '').startsWith('application/json')) {
      return deployGit(db, user.id, params.projectId, params.serviceId, (await body(deployGitSchema)) as DeployGitInput);
    }
    return deployArchive(db, user.id, params.projectId, params.serviceId, await readArchiveBody(req), { setup: query.get('setup') });
  },
  { status: 202 },
);
