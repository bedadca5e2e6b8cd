import { z } from 'zod';

/** The filters of a log read (REST and the live stream): an absent one is no filter. */
export const logQuerySchema = z.object({
  service: z.string().uuid('service must be a service id').optional(),
  container: z.string().max(200).optional(),
  q: z.string().max(200, 'q is at most 200 characters').optional(),
  since: z.iso.datetime({ offset: true, message: 'since must be an ISO 8601 time' }).optional(),
  until: z.iso.datetime({ offset: true, message: 'until must be an ISO 8601 time' }).optional(),
  limit: z.coerce.number().int().min(1, 'limit is 1 to 5000').max(5000, 'limit is 1 to 5000').optional(),
});

/** A query string's non-empty parameters (a form's empty field means "no filter"). */
export const queryObject = (query: URLSearchParams): Record<string, string> => Object.fromEntries([...query].filter(([, v]) => v !== ''));
