import { apiRoute } from '@/lib/api/handler';
import { addDomain, listDomains } from '@/lib/domain/domains';
import type { DomainInput } from '@/lib/validations/domains';
import { domainSchema } from '@/lib/validations/domains';

type P = { projectId: string };

export const GET = apiRoute<P>(async ({ db, user, params }) => ({ domains: await listDomains(db, user.id, params.projectId) }));

/** Stages a domain; POST …/routing/publish applies the staged changes. */
export const POST = apiRoute<P>(
  async ({ req, db, user, params, body }) => ({
    domain: await addDomain(db, user.id, params.projectId, (await body(domainSchema)) as DomainInput, { requestHost: req.headers.get('host') }),
  }),
  { status: 201 },
);
