import { apiRoute } from '@/lib/api/handler';
import { ensureCa } from '@/lib/core/ca';

export const dynamic = 'force-dynamic';

/** Download the internal CA root, to trust Berth's certificates for local names. */
export const GET = apiRoute(
  async () =>
    new Response(ensureCa().certPem, {
      headers: { 'content-type': 'application/x-pem-file', 'content-disposition': 'attachment; filename="berth-root-ca.crt"' },
    }),
);
