/**
 * Demo signing certificates (never in production): a demo CA, one personal certificate per demo
 * leader and the seal certificate of the demo unit, in the signing keystore. Idempotent.
 */
import type { Database } from '../../platform/db/create-database.js';
import { generateDemoPki, type DemoPkiResult } from '../../platform/signing/index.js';
import { createIdentityRepository } from './identity.repository.js';
import { DEMO_UNIT_CODE, demoOfficials } from './identity.seed.js';

/** Positions printed in the demo leaders' certificates. */
const demoTitles: Record<string, string> = {
  'leader@demo.opendvc.vn': 'Phó Cục trưởng',
};

export async function seedDemoSigningPki({ db, dir, passphrase }: { db?: Database; dir: string; passphrase: string }): Promise<DemoPkiResult> {
  const unit = db ? await createIdentityRepository({ db }).getAgencyByCode(DEMO_UNIT_CODE) : undefined;
  const unitName = unit?.name ?? 'Văn phòng Bộ (Văn phòng Một cửa)';
  return generateDemoPki({
    dir,
    passphrase,
    users: demoOfficials
      .filter((o) => o.role === 'LEADER')
      .map((o) => ({ email: o.email, commonName: o.fullName, title: demoTitles[o.email] ?? 'Lãnh đạo', organization: unitName })),
    units: [{ code: DEMO_UNIT_CODE, name: unitName }],
  });
}
