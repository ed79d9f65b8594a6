/** Query keys of the signed-in account: the one place cache entries are named. */
export const accountKeys = {
  all: ['account'] as const,
  me: () => [...accountKeys.all, 'me'] as const,
  organisations: () => [...accountKeys.all, 'organisations'] as const,
  organisation: (id: string) => [...accountKeys.all, 'organisations', id] as const,
  representatives: () => [...accountKeys.all, 'representatives'] as const,
  representativeInvitations: () => [...accountKeys.all, 'representatives', 'invitations'] as const,
  myInvitations: () => [...accountKeys.all, 'my-invitations'] as const,
  representations: () => [...accountKeys.all, 'representations'] as const,
  verifyEmail: (token: string) => [...accountKeys.all, 'verify-email', token] as const,
};
