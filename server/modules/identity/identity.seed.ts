/**
 * Demo accounts for development and demonstrations (never in production). Idempotent: an
 * account whose e-mail already exists is left as it is. Password: `OpenDVC-demo-2026`;
 * officials' TOTP secret: `JBSWY3DPEHPK3PXP`.
 */
import { and, eq } from 'drizzle-orm';
import { findUnit, type UnitAddress } from '../../../common/administrative-units/index.js';
import { addressText } from '../../../common/forms/address-shape.js';
import type { Database } from '../../platform/db/create-database.js';
import { createId } from '../../platform/db/ids.js';
import { createOfficial } from './identity.admin.usecases.js';
import { hashPassword, type PasswordPolicy } from './identity.passwords.js';
import { createIdentityRepository } from './identity.repository.js';
import { organisationMembersTable, organisationsTable, representativeAuthorisationsTable, type OfficialRole } from './identity.tables.js';

export const DEMO_PASSWORD = 'OpenDVC-demo-2026';
export const DEMO_TOTP_SECRET = 'JBSWY3DPEHPK3PXP';
/** The ministry's one-stop office in the bundled catalogue. */
export const DEMO_UNIT_CODE = '000.00.01.G99';
export const DEMO_BUSINESS_TAX_CODE = '0101234567';

/** Officials of the demo unit; the catalogue editors and the process designer act for the whole ministry (`unitCode`). */
export const demoOfficials: { email: string; fullName: string; role: OfficialRole; unitCode?: string }[] = [
  { email: 'officer@demo.opendvc.vn', fullName: 'Phạm Thị Dung', role: 'ONE_STOP_OFFICER' },
  { email: 'specialist@demo.opendvc.vn', fullName: 'Hoàng Văn Em', role: 'SPECIALIST' },
  { email: 'head@demo.opendvc.vn', fullName: 'Vũ Thị Giang', role: 'UNIT_HEAD' },
  { email: 'leader@demo.opendvc.vn', fullName: 'Đặng Văn Hùng', role: 'LEADER' },
  { email: 'clerk@demo.opendvc.vn', fullName: 'Bùi Thị Lan', role: 'RECORDS_CLERK' },
  { email: 'admin@demo.opendvc.vn', fullName: 'Đỗ Văn Minh', role: 'ADMINISTRATOR' },
  { email: 'accountant@demo.opendvc.vn', fullName: 'Ngô Thị Mai', role: 'ACCOUNTANT' },
  { email: 'editor@demo.opendvc.vn', fullName: 'Ngô Thị Hạnh', role: 'CATALOGUE_EDITOR', unitCode: '000.00.00.G99' },
  { email: 'editor2@demo.opendvc.vn', fullName: 'Trịnh Văn Khoa', role: 'CATALOGUE_EDITOR', unitCode: '000.00.00.G99' },
  { email: 'designer@demo.opendvc.vn', fullName: 'Lý Thị Mai', role: 'PROCESS_DESIGNER', unitCode: '000.00.00.G99' },
  { email: 'designer2@demo.opendvc.vn', fullName: 'Mai Văn Phúc', role: 'PROCESS_DESIGNER', unitCode: '000.00.00.G99' },
];

/** A demo address by units in force (a post-2025 commune code) and its street line. */
function demoAddress(communeCode: string, detail: string): UnitAddress {
  const commune = findUnit(communeCode);
  const province = commune?.parentCode ? findUnit(commune.parentCode) : undefined;
  if (!commune || !province) throw new Error(`demo address: unknown commune ${communeCode}`);
  return { provinceCode: province.code, provinceName: province.name, communeCode: commune.code, communeName: commune.name, detail };
}

/** Creates the missing demo accounts; returns how many were created. */
export async function seedDemoAccounts({ db, config }: { db: Database; config: PasswordPolicy }): Promise<{ created: number }> {
  const repo = createIdentityRepository({ db });
  let created = 0;
  const applicant = async (email: string, fullName: string, phone: string, person: { personalIdNumber: string; dateOfBirth: string; detail: string; communeCode: string }) => {
    const existing = await repo.getUserByEmail(email);
    if (existing) return { user: existing, isNew: false };
    const user = await repo.createUser({ kind: 'APPLICANT', email, phone, fullName, passwordHash: await hashPassword(DEMO_PASSWORD, config), emailVerifiedAt: new Date() });
    // The demo applicants stand for people who have already proven their ID number once
    // (national sign-in), so that the demo's national sign-in links to them.
    const { detail, communeCode, ...profile } = person;
    const addressUnits = demoAddress(communeCode, detail);
    await repo.upsertProfile(user.id, { ...profile, address: addressText(addressUnits), addressUnits, personalIdVerifiedAt: new Date() });
    created++;
    return { user, isNew: true };
  };

  const citizen = await applicant('citizen@demo.opendvc.vn', 'Nguyễn Văn An', '0912000001', {
    personalIdNumber: '001090012345', dateOfBirth: '1990-05-12', detail: 'Số 10 phố Tôn Thất Thuyết', communeCode: '00166', // Phường Cầu Giấy, Thành phố Hà Nội
  });
  const business = await applicant('business@demo.opendvc.vn', 'Trần Thị Bình', '0912000002', {
    personalIdNumber: '001185023456', dateOfBirth: '1985-09-02', detail: 'Số 25 phố Láng Hạ', communeCode: '00199', // Phường Láng
  });
  if (business.isNew) {
    const [existingOrg] = await db.select().from(organisationsTable).where(and(eq(organisationsTable.taxCode, DEMO_BUSINESS_TAX_CODE), eq(organisationsTable.verificationStatus, 'VERIFIED')));
    const headOffice = demoAddress('00199', 'Số 25 phố Láng Hạ'); // Phường Láng
    const org = existingOrg ?? (await db.insert(organisationsTable).values({
      id: createId('org'), taxCode: DEMO_BUSINESS_TAX_CODE, name: 'Công ty TNHH Môi trường Xanh (dữ liệu mẫu)', address: addressText(headOffice), addressUnits: headOffice,
      // Demo data: its ownership counts as proven.
      verificationStatus: 'VERIFIED', verificationMethod: 'SEED', verifiedAt: new Date(),
    }).returning())[0]!;
    await db.insert(organisationMembersTable).values({ organisationId: org.id, userId: business.user.id, role: 'OWNER' }).onConflictDoNothing();
  }
  const representative = await applicant('representative@demo.opendvc.vn', 'Lê Văn Cường', '0912000003', {
    personalIdNumber: '001088034567', dateOfBirth: '1988-03-20', detail: 'Số 5 phố Trần Duy Hưng', communeCode: '00175', // Phường Yên Hòa
  });
  if (representative.isNew) {
    await db.insert(representativeAuthorisationsTable).values({
      id: createId('rep'),
      representativeUserId: representative.user.id,
      principalUserId: citizen.user.id,
      scope: 'Nộp hồ sơ, bổ sung hồ sơ và nhận kết quả giải quyết thủ tục hành chính thay cho người ủy quyền',
      validFrom: '2026-01-01',
      documentReference: 'Giấy ủy quyền số 01/2026/GUQ ngày 01/01/2026 (dữ liệu mẫu)',
    });
  }

  const unit = (await repo.getAgencyByCode(DEMO_UNIT_CODE)) ?? (await repo.listAgencies())[0];
  if (!unit) return { created };
  for (const official of demoOfficials) {
    if (await repo.getUserByEmail(official.email)) continue;
    const own = official.unitCode ? await repo.getAgencyByCode(official.unitCode) : undefined;
    await createOfficial({
      db, config,
      input: { email: official.email, password: DEMO_PASSWORD, fullName: official.fullName, unitCode: own?.code ?? unit.code, role: official.role, totpSecret: DEMO_TOTP_SECRET },
    });
    created++;
  }
  return { created };
}
