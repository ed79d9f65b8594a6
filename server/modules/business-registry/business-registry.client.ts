/**
 * Adapter to the national business registration portal (Cổng thông tin quốc gia về đăng ký doanh
 * nghiệp): the lookup of an enterprise by its tax code. HTTP only; `BUSINESS_REGISTRY_URL` names the
 * service (the bundled simulator outside production).
 */
import { z } from 'zod';

const enterpriseSchema = z.object({
  taxCode: z.string(),
  name: z.string().min(1),
  nameEn: z.string().optional(),
  status: z.string(),
  address: z.object({
    provinceCode: z.string().regex(/^[0-9]{2}$/),
    provinceName: z.string().min(1),
    communeCode: z.string().regex(/^[0-9]{5}$/),
    communeName: z.string().min(1),
    detail: z.string().optional(),
  }).optional(),
  legalRepresentative: z.object({ name: z.string(), position: z.string().optional() }).optional(),
});
export type RegistryEnterprise = z.infer<typeof enterpriseSchema>;

export type RegistryAnswer = { kind: 'found'; enterprise: RegistryEnterprise } | { kind: 'not_found' } | { kind: 'unavailable'; reason: string };

export interface BusinessRegistryClient {
  lookup(taxCode: string): Promise<RegistryAnswer>;
}

export function createBusinessRegistryClient({ url, apiKey, timeoutMs }: { url: string | undefined; apiKey?: string; timeoutMs: number }): BusinessRegistryClient {
  return {
    async lookup(taxCode) {
      if (!url) return { kind: 'unavailable', reason: 'not configured' };
      try {
        const res = await fetch(`${url.replace(/\/$/, '')}/api/v1/enterprises/${encodeURIComponent(taxCode)}`, {
          headers: { accept: 'application/json', ...(apiKey ? { 'x-api-key': apiKey } : {}) },
          signal: AbortSignal.timeout(timeoutMs),
          redirect: 'error',
        });
        if (res.status === 404) return { kind: 'not_found' };
        if (!res.ok) return { kind: 'unavailable', reason: `HTTP ${res.status}` };
        const parsed = enterpriseSchema.safeParse(await res.json());
        if (!parsed.success) return { kind: 'unavailable', reason: 'unexpected answer' };
        return { kind: 'found', enterprise: parsed.data };
      } catch (e) {
        return { kind: 'unavailable', reason: e instanceof Error ? e.name : String(e) };
      }
    },
  };
}
