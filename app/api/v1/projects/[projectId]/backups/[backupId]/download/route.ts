import { Readable } from 'node:stream';
import { apiRoute } from '@/lib/api/handler';
import { downloadBackup } from '@/lib/backups/domain';
import { dumpFileName } from '@/lib/backups/tools';

type P = { projectId: string; backupId: string };

/** The decrypted dump, streamed as it is decrypted (a tampered file ends the download with an error). POST: a dump holds every secret of the data, so it is fetched like a change (write access, same-origin). */
export const POST = apiRoute<P>(async ({ db, user, params }) => {
  const { backup, stream } = await downloadBackup(db, user.id, params.projectId, params.backupId);
  return new Response(Readable.toWeb(stream) as ReadableStream<Uint8Array>, {
    headers: {
      'content-type': 'application/octet-stream',
      'content-length': String(backup.dumpBytes),
      'content-disposition': `attachment; filename="${dumpFileName(backup)}"`,
    },
  });
});
