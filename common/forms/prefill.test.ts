import { describe, expect, it } from 'vitest';
import { hasPrefillField, prefillAnswers, prefilledFieldValue, profileFromMe, withoutOrganisationPrefill, type ApplicantProfile } from './prefill.js';
import type { JsonSchema } from './schema-walk.js';

const schema: JsonSchema = {
  type: 'object',
  properties: {
    applicant: {
      type: 'object',
      title: 'Người nộp',
      properties: {
        fullName: { type: 'string', title: 'Họ và tên', 'x-prefill': 'fullName' },
        personalIdNumber: { type: 'string', title: 'Số CCCD', 'x-prefill': 'personalIdNumber' },
        dateOfBirth: { type: 'string', title: 'Ngày sinh', 'x-prefill': 'dateOfBirth' },
        address: { type: 'string', title: 'Địa chỉ', 'x-prefill': 'address' },
        phone: { type: 'string', title: 'Điện thoại', 'x-prefill': 'phone' },
        email: { type: 'string', title: 'Thư điện tử', 'x-prefill': 'email' },
      },
    },
    organisation: {
      type: 'object',
      title: 'Tổ chức',
      properties: {
        name: { type: 'string', title: 'Tên tổ chức', 'x-prefill': 'organisation.name' },
        taxCode: { type: 'string', title: 'Mã số thuế', 'x-prefill': 'organisation.taxCode' },
        address: { type: 'string', title: 'Địa chỉ trụ sở', 'x-prefill': 'organisation.address' },
      },
    },
    purpose: { type: 'string', title: 'Mục đích' },
  },
  if: { properties: { purpose: { const: 'X' } } },
  then: { properties: { hidden: { type: 'string', title: 'Ẩn', 'x-prefill': 'fullName' } } },
};

const profile: ApplicantProfile = {
  fullName: 'Nguyễn Văn An',
  personalIdNumber: '001090012345',
  dateOfBirth: '1990-05-12',
  address: 'Số 10 Tôn Thất Thuyết, Hà Nội',
  phone: '0912345678',
  email: 'an@example.vn',
  organisation: { name: 'Công ty TNHH Môi trường Xanh', taxCode: '0101234567', address: 'Số 25 Láng Hạ, Hà Nội' },
};

describe('prefillAnswers', () => {
  it('fills every x-prefill path from the profile', () => {
    expect(prefillAnswers(schema, profile)).toEqual({
      applicant: { fullName: 'Nguyễn Văn An', personalIdNumber: '001090012345', dateOfBirth: '1990-05-12', address: 'Số 10 Tôn Thất Thuyết, Hà Nội', phone: '0912345678', email: 'an@example.vn' },
      organisation: { name: 'Công ty TNHH Môi trường Xanh', taxCode: '0101234567', address: 'Số 25 Láng Hạ, Hà Nội' },
    });
  });

  it('fills an address field with the profile\'s units and street line; a free-text profile address leaves it to choose', () => {
    const form: JsonSchema = {
      type: 'object',
      properties: {
        home: {
          type: 'object', 'x-address': true, 'x-prefill': 'address',
          properties: { provinceCode: { type: 'string' }, provinceName: { type: 'string' }, communeCode: { type: 'string' }, communeName: { type: 'string' }, detail: { type: 'string' } },
        },
        site: { type: 'object', 'x-address': true, properties: { provinceCode: { type: 'string' }, communeCode: { type: 'string' } } },
      },
    };
    const units = { provinceCode: '01', provinceName: 'Thành phố Hà Nội', communeCode: '00166', communeName: 'Phường Cầu Giấy', detail: 'Số 10 phố Tôn Thất Thuyết' };
    expect(prefillAnswers(form, { ...profile, addressUnits: units })).toEqual({ home: units });
    // Without a street line in the field, only the units.
    const noDetail = structuredClone(form);
    delete (noDetail.properties as Record<string, JsonSchema>).home!.properties.detail;
    expect(prefillAnswers(noDetail, { ...profile, addressUnits: units })).toEqual({ home: { provinceCode: '01', provinceName: 'Thành phố Hà Nội', communeCode: '00166', communeName: 'Phường Cầu Giấy' } });
    // Never over an address chosen already, and never from free text.
    const chosen = { home: { provinceCode: '79', provinceName: 'Thành phố Hồ Chí Minh', communeCode: '26734', communeName: 'Phường Sài Gòn' } };
    expect(prefillAnswers(form, { ...profile, addressUnits: units }, chosen)).toEqual(chosen);
    expect(prefillAnswers(form, { ...profile, addressUnits: null })).toEqual({});
    expect(profileFromMe({ fullName: 'A', email: null, phone: null, profile: { personalIdNumber: null, dateOfBirth: null, address: 'x', addressUnits: units }, organisations: [] }).addressUnits).toEqual(units);
  });

  it('fills a head office field by units from the organisation filed for, never from its free text nor from the person', () => {
    const form: JsonSchema = {
      type: 'object',
      properties: {
        headOffice: {
          type: 'object', 'x-address': true, 'x-prefill': 'organisation.address',
          properties: { provinceCode: { type: 'string' }, provinceName: { type: 'string' }, communeCode: { type: 'string' }, communeName: { type: 'string' }, detail: { type: 'string' } },
        },
      },
    };
    const office = { provinceCode: '01', provinceName: 'Thành phố Hà Nội', communeCode: '00199', communeName: 'Phường Láng', detail: 'Số 25 phố Láng Hạ' };
    const home = { provinceCode: '79', provinceName: 'Thành phố Hồ Chí Minh', communeCode: '26734', communeName: 'Phường Sài Gòn' };
    const org = { name: 'Công ty TNHH Môi trường Xanh', taxCode: '0101234567', address: 'Số 25 phố Láng Hạ, Phường Láng, Thành phố Hà Nội' };
    expect(prefillAnswers(form, { ...profile, addressUnits: home, organisation: { ...org, addressUnits: office } })).toEqual({ headOffice: office });
    expect(prefillAnswers(form, { ...profile, addressUnits: home, organisation: { ...org, addressUnits: null } })).toEqual({});
    expect(prefillAnswers(form, { ...profile, addressUnits: home, organisation: null })).toEqual({});
    const me = { fullName: 'A', email: null, phone: null, profile: { personalIdNumber: null, dateOfBirth: null, address: null }, organisations: [{ id: 'org_1', ...org, addressUnits: office }] };
    expect(profileFromMe(me, 'org_1').organisation?.addressUnits).toEqual(office);
  });

  it('answers "Người đề nghị là" from whom the dossier is filed for, unless already chosen', () => {
    const kind: JsonSchema = { type: 'object', properties: { applicantKind: { type: 'string', 'x-prefill': 'applicantKind', oneOf: [{ const: 'ORGANISATION' }, { const: 'INDIVIDUAL' }] } } };
    expect(prefillAnswers(kind, profile)).toEqual({ applicantKind: 'ORGANISATION' });
    expect(prefillAnswers(kind, { ...profile, organisation: null })).toEqual({ applicantKind: 'INDIVIDUAL' });
    expect(prefillAnswers(kind, profile, { applicantKind: 'INDIVIDUAL' })).toEqual({ applicantKind: 'INDIVIDUAL' });
  });

  const cases: Array<[string, Record<string, unknown>, ApplicantProfile, Record<string, unknown>]> = [
    ['never overwrites typed values', { applicant: { fullName: 'Trần Thị Bình' }, purpose: 'Tưới' }, { fullName: 'Nguyễn Văn An' }, { applicant: { fullName: 'Trần Thị Bình' }, purpose: 'Tưới' }],
    ['fills blank strings', { applicant: { fullName: '  ' } }, { fullName: 'Nguyễn Văn An' }, { applicant: { fullName: 'Nguyễn Văn An' } }],
    ['skips missing profile values', {}, { fullName: null, email: '' }, {}],
    ['no organisation when filing as a person', {}, { fullName: 'A B', organisation: null }, { applicant: { fullName: 'A B' } }],
    ['keeps unrelated answers', { other: 1 }, { phone: '0912345678' }, { other: 1, applicant: { phone: '0912345678' } }],
  ];
  it.each(cases)('%s', (_name, answers, p, expected) => {
    expect(prefillAnswers(schema, p, answers)).toEqual(expected);
  });

  it('fills the branch of "Người đề nghị là" that applies: the organisation for an organisation, the person otherwise', () => {
    const branching: JsonSchema = {
      type: 'object',
      properties: { applicantKind: { type: 'string', 'x-prefill': 'applicantKind', enum: ['INDIVIDUAL', 'ORGANISATION'] } },
      required: ['applicantKind'],
      allOf: [{
        if: { properties: { applicantKind: { const: 'INDIVIDUAL' } }, required: ['applicantKind'] },
        then: { properties: { applicant: { type: 'object', properties: { fullName: { type: 'string', 'x-prefill': 'fullName' } } } } },
        else: { properties: { organisation: { type: 'object', properties: { name: { type: 'string', 'x-prefill': 'organisation.name' }, taxCode: { type: 'string', 'x-prefill': 'organisation.taxCode' } } } } },
      }],
    };
    expect(prefillAnswers(branching, profile)).toEqual({ applicantKind: 'ORGANISATION', organisation: { name: 'Công ty TNHH Môi trường Xanh', taxCode: '0101234567' } });
    expect(prefillAnswers(branching, { ...profile, organisation: null })).toEqual({ applicantKind: 'INDIVIDUAL', applicant: { fullName: 'Nguyễn Văn An' } });
  });

  it('does not mutate the answers given', () => {
    const answers = { applicant: { fullName: '' } };
    prefillAnswers(schema, profile, answers);
    expect(answers).toEqual({ applicant: { fullName: '' } });
  });
});

describe('profileFromMe', () => {
  const me = {
    fullName: 'Nguyễn Văn An', email: 'an@example.vn', phone: null,
    profile: { personalIdNumber: '001090012345', dateOfBirth: '1990-05-12', address: null },
    organisations: [{ id: 'org_1', name: 'Công ty A', taxCode: '0101234567' }],
  };
  it('maps the person and the chosen organisation', () => {
    expect(profileFromMe(me, 'org_1')).toEqual({
      fullName: 'Nguyễn Văn An', email: 'an@example.vn', phone: null, personalIdNumber: '001090012345', dateOfBirth: '1990-05-12', address: null, addressUnits: null,
      organisation: { name: 'Công ty A', taxCode: '0101234567', address: null, addressUnits: null },
    });
    expect(profileFromMe(me).organisation).toBeNull();
    expect(profileFromMe(me, 'org_other').organisation).toBeNull();
  });
});

describe('the organisation a dossier is filed for, changed', () => {
  const form = {
    type: 'object',
    properties: {
      applicantKind: { type: 'string', 'x-prefill': 'applicantKind' },
      organisation: {
        type: 'object',
        properties: {
          taxCode: { type: 'string', 'x-prefill': 'organisation.taxCode' },
          name: { type: 'string', 'x-prefill': 'organisation.name' },
          head: { type: 'object', 'x-address': true, 'x-prefill': 'organisation.address', properties: { provinceName: { type: 'string' }, communeName: { type: 'string' }, detail: { type: 'string' } } },
          representative: { type: 'string', 'x-prefill': 'fullName' },
        },
      },
      notes: { type: 'string' },
    },
  };
  const answers = { applicantKind: 'ORGANISATION', organisation: { taxCode: '0100109106', name: 'Công ty A', head: { provinceName: 'Thành phố Hà Nội', communeName: 'Phường Hoàn Kiếm', detail: 'Số 5' }, representative: 'Nguyễn Văn An' }, notes: 'x' };

  it('empties what the organisation filled and keeps the rest', () => {
    expect(withoutOrganisationPrefill(form, answers)).toEqual({ organisation: { representative: 'Nguyễn Văn An' }, notes: 'x' });
  });

  it('reads the organisation the form names, an address by units as one line', () => {
    expect(prefilledFieldValue(form, answers, 'organisation.name')).toBe('Công ty A');
    expect(prefilledFieldValue(form, answers, 'organisation.taxCode')).toBe('0100109106');
    expect(prefilledFieldValue(form, answers, 'organisation.address')).toBe('Số 5, Phường Hoàn Kiếm, Thành phố Hà Nội');
    expect(prefilledFieldValue(form, {}, 'organisation.name')).toBeUndefined();
    expect(hasPrefillField(form, 'organisation.taxCode')).toBe(true);
    expect(hasPrefillField({ type: 'object', properties: { a: { type: 'string' } } }, 'organisation.taxCode')).toBe(false);
  });

  it('prefills "Người đề nghị là" as an organisation for one the form names', () => {
    expect(prefillAnswers(form, { organisationInForm: true }).applicantKind).toBe('ORGANISATION');
    expect(prefillAnswers(form, {}).applicantKind).toBe('INDIVIDUAL');
  });
});
