import { z } from 'zod';

/** problem+json (RFC 9457) as this API answers it. */
export const problemSchema = z
  .object({
    type: z.string(),
    title: z.string(),
    status: z.number().int(),
    code: z.string().meta({ description: 'Stable error code, `module.snake_case`.' }),
    detail: z.string(),
    requestId: z.string(),
    errors: z.array(z.object({ path: z.string(), message: z.string() })).optional().meta({ description: 'One entry per bad field.' }),
    details: z.record(z.string(), z.unknown()).optional(),
  })
  .meta({ id: 'Problem' });

const descriptions: Record<number, string> = {
  400: 'Invalid input; `errors` names each bad field.',
  401: 'Not signed in.',
  403: 'Not allowed.',
  404: 'Not found (or not yours).',
  409: 'Conflicts with the current state.',
  413: 'Too large.',
  422: 'Understood but not acceptable.',
  429: 'Too many requests.',
  503: 'Not ready.',
};

/** Response entries for the error statuses a route can answer. */
export function problemResponses(...statuses: number[]) {
  return Object.fromEntries(statuses.map((s) => [s, problemSchema.meta({ description: descriptions[s] ?? 'Error' })])) as Record<number, typeof problemSchema>;
}
