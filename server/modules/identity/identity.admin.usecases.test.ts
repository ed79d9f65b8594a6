import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { queryRows, type DatabaseHandle } from '../../platform/db/create-database.js';
import { createTestDatabase } from '../../test/test-database.js';
import { createOfficial, grantRole } from './identity.admin.usecases.js';
import { seedDemoAccounts } from './identity.seed.js';

let handle: DatabaseHandle;
beforeAll(async () => {
  handle = await createTestDatabase();
});
afterAll(async () => handle?.close());

const policy = { argon2MemoryKib: 4096, argon2TimeCost: 2, argon2Parallelism: 1 };

describe('officials and grants', () => {
  it('creates an official with a role, TOTP and audit rows, and grants another role once', async () => {
    const { user, totpSecret, recoveryCodes, otpauthUri } = await createOfficial({
      db: handle.db, config: policy, input: { email: 'Chuyen.Vien@Monre.gov.vn', password: 'mat-khau-can-bo-1', unitCode: '000.00.03.G99', role: 'SPECIALIST' },
    });
    expect(user).toMatchObject({ kind: 'OFFICIAL', email: 'chuyen.vien@monre.gov.vn' });
    expect(totpSecret).toMatch(/^[A-Z2-7]{32}$/);
    expect(recoveryCodes).toHaveLength(10);
    expect(otpauthUri).toMatch(/^otpauth:\/\/totp\//);

    expect((await grantRole({ db: handle.db, email: 'chuyen.vien@monre.gov.vn', role: 'UNIT_HEAD', unitCode: '000.00.03.G99', fieldCodes: ['TAI_NGUYEN_NUOC'] })).created).toBe(true);
    expect((await grantRole({ db: handle.db, email: 'chuyen.vien@monre.gov.vn', role: 'UNIT_HEAD', unitCode: '000.00.03.G99' })).created).toBe(false);
    const audit = await queryRows<{ action: string; details: { role?: string } }>(handle.db, sql`SELECT action, details FROM audit_events WHERE subject = ${`user:${user.id}`} ORDER BY at, id`);
    expect(audit.map((a) => [a.action, a.details.role])).toEqual([['OFFICIAL_CREATED', undefined], ['ROLE_GRANTED', 'SPECIALIST'], ['ROLE_GRANTED', 'UNIT_HEAD']]);
  });

  it('refuses an unknown unit or a non-official', async () => {
    await expect(grantRole({ db: handle.db, email: 'chuyen.vien@monre.gov.vn', role: 'LEADER', unitCode: 'KHONG.CO' })).rejects.toMatchObject({ code: 'identity.unit_not_found' });
    await expect(grantRole({ db: handle.db, email: 'citizen@demo.opendvc.vn', role: 'LEADER', unitCode: '000.00.01.G99' })).rejects.toMatchObject({ code: 'identity.user_not_found' });
  });

  it('seeds the demo accounts idempotently', async () => {
    expect(await seedDemoAccounts({ db: handle.db, config: policy })).toEqual({ created: 0 });
    const [row] = await queryRows<{ n: number }>(handle.db, sql`SELECT count(*)::int AS n FROM users WHERE email LIKE '%@demo.opendvc.vn'`);
    // Nine applicants and desk/processing officials, the accountant, two catalogue editors and two process designers.
    expect(row!.n).toBe(14);
  });
});
