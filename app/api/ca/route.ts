import { errorResponse } from '@/lib/api/handler';
import { requireSessionUser } from '@/lib/auth/guards';
import { ensureCa } from '@/lib/core/ca';

export const dynamic = 'force-dynamic';

/** Download the internal CA root, to trust Berth's certificates for local names. */
export async function GET() {
  try {
    await requireSessionUser();
    return new Response(ensureCa().certPem, {
      headers: { 'content-type': 'application/x-pem-file', 'content-disposition': 'attachment; filename="berth-root-ca.crt"' },
    });
  } catch (err) {
    return errorResponse(err);
  }
}
