import { apiRoute } from '@/lib/api/handler';
import { setLogForwarding } from '@/lib/domain/log-forwarding';
import { logForwardSchema } from '@/lib/logs/syslog';

type P = { projectId: string };

/** PUT { host, port } forwards the project's logs to a syslog endpoint over UDP; DELETE stops it. */
export const PUT = apiRoute<P>(async ({ db, user, params, body }) => ({ logForward: await setLogForwarding(db, user.id, params.projectId, await body(logForwardSchema)) }));

export const DELETE = apiRoute<P>(async ({ db, user, params }) => {
  await setLogForwarding(db, user.id, params.projectId, null);
});
