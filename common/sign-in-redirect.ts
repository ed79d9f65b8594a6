/**
 * Where a person goes after signing in, shared by the portal and the national sign-in callback.
 * `next` is honoured only as a path on this site: it must start with one "/", and must not be
 * a protocol-relative (`//host`, `/\host`) address or carry control characters, so a crafted
 * sign-in link cannot send anyone to another site.
 */
export function safeNextPath(next: string | null | undefined): string | null {
  if (typeof next !== 'string' || next.length === 0 || next.length > 2000) return null;
  if (!next.startsWith('/') || next.startsWith('//') || next.startsWith('/\\')) return null;
  // eslint-disable-next-line no-control-regex
  if (/[\u0000-\u001f\u007f\\]/.test(next)) return null;
  return next;
}

/** The signed-in home of each kind of user: applicants their account, officials their inbox. */
export const SIGNED_IN_HOME = { APPLICANT: '/tai-khoan', OFFICIAL: '/can-bo/ho-so' } as const;

export function pathAfterSignIn(next: string | null | undefined, kind: keyof typeof SIGNED_IN_HOME | null | undefined): string {
  return safeNextPath(next) ?? SIGNED_IN_HOME[kind ?? 'APPLICANT'];
}
