/** Query keys of the signed-in account: the one place cache entries are named. */
export const accountKeys = {
  all: ['account'] as const,
  me: () => [...accountKeys.all, 'me'] as const,
};
