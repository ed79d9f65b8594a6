import type { BusinessRegistryClient } from './business-registry.client.js';
import { createEnterpriseNotFoundError, createRegistryUnavailableError } from './business-registry.errors.js';

/**
 * What an e-form may fill from the registry: the name, the head office's address by administrative
 * units (with its street line, and as one line), and the legal representative. A dissolved or
 * suspended enterprise is answered too, with its status, so the applicant sees it.
 */
export async function lookupEnterprise({ client, log }: { client: BusinessRegistryClient; log?: { warn(o: object, m: string): void } }, taxCode: string) {
  const answer = await client.lookup(taxCode);
  if (answer.kind === 'not_found') throw createEnterpriseNotFoundError({ details: { taxCode } });
  if (answer.kind === 'unavailable') {
    log?.warn({ taxCode, reason: answer.reason }, 'business registry lookup unavailable');
    throw createRegistryUnavailableError();
  }
  const e = answer.enterprise;
  const a = e.address;
  return {
    taxCode: e.taxCode,
    name: e.name,
    status: e.status,
    address: a ? { provinceCode: a.provinceCode, provinceName: a.provinceName, communeCode: a.communeCode, communeName: a.communeName, ...(a.detail ? { detail: a.detail } : {}) } : null,
    addressLine: a ? [a.detail, a.communeName, a.provinceName].filter(Boolean).join(', ') : null,
    legalRepresentative: e.legalRepresentative ? { name: e.legalRepresentative.name, position: e.legalRepresentative.position ?? null } : null,
    source: 'Cổng thông tin quốc gia về đăng ký doanh nghiệp',
  };
}
