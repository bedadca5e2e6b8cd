import { envRoutes } from '@/lib/api/env-routes';

export const { DELETE } = envRoutes;
