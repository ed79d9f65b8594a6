/** Query keys of document verification. */
export const verificationKeys = {
  all: ['verification'] as const,
  document: (documentId: string) => [...verificationKeys.all, documentId] as const,
};
