'use server';

import { redirect } from 'next/navigation';
import { z } from 'zod';
import { validatedAction } from '@/lib/actions/action';
import { createProject } from '@/lib/domain/projects';
import { parseDotEnv } from '@/lib/validations/projects';

const schema = z.object({
  name: z.string(),
  corePackage: z.string().default('LIGHT'),
  env: z.string().default(''),
  publicIpV4: z.enum(['on', 'off']).optional(),
  networkIpv6: z.literal('on').optional(),
});

/** Creates a project and goes to its page, where the `project.create` process shows live. */
export const createProjectAction = validatedAction(schema, async (input, { user, db }) => {
  const { project } = await createProject(db, user.id, {
    name: input.name,
    corePackage: input.corePackage as 'LIGHT' | 'SERIOUS',
    ...(input.publicIpV4 ? { publicIpV4: input.publicIpV4 === 'on' } : {}),
    networkIpv6: input.networkIpv6 === 'on',
    env: parseDotEnv(input.env).map((e) => ({ ...e, secret: false })),
  });
  redirect(`/projects/${project.id}`);
});
