import { apiRoute } from '@/lib/api/handler';
import { listCertificates } from '@/lib/domain/certificates';

type P = { projectId: string };

/** GET: the project's certificates (internal CA and ACME): names, issuer, status, expiry, last error. Never keys. */
export const GET = apiRoute<P>(async ({ db, user, params }) => ({ certificates: await listCertificates(db, user.id, params.projectId) }));
