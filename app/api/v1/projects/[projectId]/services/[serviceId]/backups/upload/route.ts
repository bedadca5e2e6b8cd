import { Readable } from 'node:stream';
import type { ReadableStream as WebReadableStream } from 'node:stream/web';
import { apiRoute } from '@/lib/api/handler';
import { uploadBackup } from '@/lib/backups/upload';
import { AppError } from '@/lib/errors';

type P = { projectId: string; serviceId: string };

/**
 * A dump made elsewhere, as the raw request body (Content-Type: application/octet-stream), stored as
 * a complete backup of the service. The proxy does not run on this path: it would buffer the body.
 */
export const POST = apiRoute<P>(
  async ({ db, user, params, req }) => {
    if (!/^application\/octet-stream\s*(;|$)/i.test(req.headers.get('content-type') ?? '')) {
      throw new AppError(
        'UNSUPPORTED_MEDIA_TYPE',
        'Send the dump as the raw body with Content-Type: application/octet-stream',
      );
    }
    if (!req.body)
      throw new AppError('VALIDATION', 'file: the file is empty', { file: ['the file is empty'] });
    const declared = Number(req.headers.get('content-length') ?? NaN);
    const body = Readable.fromWeb(req.body as WebReadableStream<Uint8Array>);
    const backup = await uploadBackup(
      db,
      user.id,
      params.projectId,
      params.serviceId,
      body,
      Number.isFinite(declared) ? declared : undefined,
    );
    const { wrappedKey: _key, ...shown } = backup;
    return { backup: shown };
  },
  { status: 201 },
);
