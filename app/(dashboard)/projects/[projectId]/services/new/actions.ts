'use server';

import { redirect } from 'next/navigation';
import { z } from 'zod';
import { projectAction } from '@/lib/actions/action';
import { AppError } from '@/lib/errors';
import { validateGitSource } from '@/lib/deploy/source/git';
import { deployGit } from '@/lib/domain/deploys';
import { addService } from '@/lib/domain/services';
import type { AddServiceInput } from '@/lib/validations/services';
import { parseInput } from '@/lib/validations/parse';
import { refuseTakenPorts } from './wizard-server';
import { wizardSubmitSchema } from './wizard-state';

function json(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    throw new AppError('BAD_REQUEST', 'The form could not be read; reload the page and try again');
  }
}

/**
 * The wizard's last step: one operation creates the service with its public ports and route
 * firewall (one transaction, one `stack.create` process; bad input creates nothing), then the
 * optional deploy from Git starts; then its page, where both processes show live.
 */
export const addServiceAction = projectAction(z.object({ projectId: z.string(), payload: z.string() }), 'write', async (input, { user, db }) => {
  const body = parseInput(wizardSubmitSchema, json(input.payload));
  await refuseTakenPorts(db, input.projectId, body.publicPorts);
  if (body.deploy) validateGitSource({ url: body.deploy.gitUrl, ref: body.deploy.gitRef });
  const { service } = await addService(db, user.id, input.projectId, body.service as AddServiceInput, { publicPorts: body.publicPorts, routeFirewall: body.routeFirewall });
  let problem: string | undefined;
  if (body.deploy) {
    problem = await deployGit(db, user.id, input.projectId, service.id, body.deploy).then(
      () => undefined,
      (err: unknown) => `the deploy from Git could not start: ${err instanceof Error ? err.message : String(err)}`,
    );
  }
  const notice = problem ? `?notice=${encodeURIComponent(`The service was created, but ${problem}`)}` : '';
  redirect(`/projects/${input.projectId}/services/${service.id}${notice}`);
});
