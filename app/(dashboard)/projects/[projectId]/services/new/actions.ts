'use server';

import { redirect } from 'next/navigation';
import { z } from 'zod';
import { projectAction } from '@/lib/actions/action';
import { AppError } from '@/lib/errors';
import { addService } from '@/lib/services/services';
import type { AddServiceInput } from '@/lib/validations/services';

/** The wizard's last step: the whole service as JSON, validated again on the server. */
export const addServiceAction = projectAction(z.object({ projectId: z.string(), payload: z.string() }), 'write', async (input, { user, db }) => {
  let body: AddServiceInput;
  try {
    body = JSON.parse(input.payload) as AddServiceInput;
  } catch {
    throw new AppError('BAD_REQUEST', 'The form could not be read; reload the page and try again');
  }
  const { service } = await addService(db, user.id, input.projectId, body);
  redirect(`/projects/${input.projectId}/services/${service.id}`);
});
