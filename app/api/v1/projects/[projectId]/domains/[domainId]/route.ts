import { apiRoute } from '@/lib/api/handler';
import { removeDomain } from '@/lib/domain/domains';

type P = { projectId: string; domainId: string };

/** Stages the removal; it takes effect on publish. */
export const DELETE = apiRoute<P>(async ({ db, user, params }) => removeDomain(db, user.id, params.projectId, params.domainId));
