import { env } from '@/lib/env';
import { AppError } from '@/lib/errors';

/**
 * The archive of a deploy request: the raw body (application/gzip, application/zip,
 * application/x-tar, application/octet-stream) or the `archive` file of a multipart form.
 */
export async function readArchiveBody(req: Request): Promise<Buffer> {
  const limit = env.BERTH_DEPLOY_ARCHIVE_LIMIT_MB * 1024 * 1024;
  const length = Number(req.headers.get('content-length') ?? 0);
  if (length > limit) throw new AppError('VALIDATION', `archive: larger than ${env.BERTH_DEPLOY_ARCHIVE_LIMIT_MB} MiB (the size limit)`, { archive: ['over the size limit'] });
  const type = req.headers.get('content-type') ?? '';
  if (type.startsWith('multipart/form-data')) {
    const form = await req.formData();
    const file = form.get('archive');
    if (!file || typeof file === 'string') throw new AppError('VALIDATION', 'archive: the form needs a file field named "archive"', { archive: ['is required'] });
    return Buffer.from(await file.arrayBuffer());
  }
  const data = Buffer.from(await req.arrayBuffer());
  if (data.length === 0) throw new AppError('VALIDATION', 'archive: the request body is empty', { archive: ['is required'] });
  return data;
}
