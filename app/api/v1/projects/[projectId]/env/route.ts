import { envRoutes } from '@/lib/api/env-routes';

export const { GET, PUT } = envRoutes;
