/** RFC 6238 TOTP (30 s, 6 digits, SHA-1: what authenticator apps expect) through otplib. */
import { createGuardrails, generate, generateSecret, generateURI, verify } from 'otplib';

// otplib asks for 16-byte secrets; authenticator apps and the demo secret (JBSWY3DPEHPK3PXP) use 10.
// New secrets are still 20 bytes.
const guardrails = createGuardrails({ MIN_SECRET_BYTES: 10 });

export const createTotpSecret = () => generateSecret({ length: 20 });

export const totpUri = ({ secret, account }: { secret: string; account: string }) =>
  generateURI({ issuer: 'OpenDVC', label: account, secret });

/** The current code (tests and the CLI use it). */
export const currentTotpCode = (secret: string, epoch?: number) => generate({ secret, guardrails, ...(epoch ? { epoch } : {}) });

/**
 * Checks a code with one step of clock drift either side. Returns the time step it matched,
 * or undefined. Codes at or before `afterTimeStep` are refused, so a code works once.
 */
export async function verifyTotpCode({ secret, code, afterTimeStep }: { secret: string; code: string; afterTimeStep?: number | null }) {
  if (!/^\d{6}$/.test(code)) return undefined;
  const result = await verify({ secret, token: code, epochTolerance: 30, guardrails });
  if (!result.valid) return undefined;
  const step = (result as { timeStep: number }).timeStep;
  if (afterTimeStep != null && step <= afterTimeStep) return undefined;
  return step;
}
