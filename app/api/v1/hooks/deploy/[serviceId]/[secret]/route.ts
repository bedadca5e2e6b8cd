import { errorResponse } from '@/lib/api/handler';
import { getDb } from '@/lib/db';
import { AppError } from '@/lib/errors';
import { handleWebhook } from '@/lib/domain/deploy-webhooks';

type P = { serviceId: string; secret: string };

/** GitHub and GitLab push webhooks: the secret in the URL is the credential (no session, no token). */
export async function POST(req: Request, route: { params: Promise<P> }): Promise<Response> {
  try {
    const { serviceId, secret } = await route.params;
    const text = await req.text();
    if (text.length > 4 * 1024 * 1024) throw new AppError('BAD_REQUEST', 'The payload is too large');
    let body: unknown;
    try {
      body = JSON.parse(text);
    } catch {
      throw new AppError('BAD_REQUEST', 'The payload must be JSON (content type application/json)');
    }
    const result = await handleWebhook(await getDb(), serviceId, secret, body);
    return Response.json(result, { status: result.built ? 202 : 200 });
  } catch (err) {
    return errorResponse(err);
  }
}
