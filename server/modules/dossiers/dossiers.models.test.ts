import { describe, expect, it } from 'vitest';
import { createWorkingCalendar } from '../../../common/calendar/index.js';
import {
  appointmentFor,
  changedAnswerPaths,
  codeDay,
  draftCompleteness,
  dossierActions,
  formatDossierCode,
  matchesTrackingKey,
  nextStatus,
  phasesFor,
  toNationalStatus,
  unrequestedChanges,
  type DossierAction,
} from './dossiers.models.js';
import { dossierStatuses, type DossierStatus } from './dossiers.tables.js';

/** An instant given as Viet Nam local time. */
const vn = (local: string) => new Date(`${local}+07:00`);

describe('status machine', () => {
  const allowed: [DossierStatus, DossierAction, DossierStatus][] = [
    ['DRAFT', 'submit', 'SUBMITTED'],
    ['INTAKE', 'submit', 'RECEIVED'],
    ['SUBMITTED', 'receive', 'RECEIVED'],
    ['RESUBMITTED', 'receive', 'RECEIVED'],
    ['SUBMITTED', 'request_supplement', 'SUPPLEMENT_REQUESTED'],
    ['SUPPLEMENT_REQUESTED', 'resubmit', 'RESUBMITTED'],
    ['SUBMITTED', 'refuse', 'REFUSED'],
    ['RECEIVED', 'withdraw', 'WITHDRAWN'],
    ['AWAITING_PAYMENT', 'withdraw', 'WITHDRAWN'],
    ['RECEIVED', 'start_processing', 'IN_PROGRESS'],
    ['IN_PROGRESS', 'resolve', 'RESULT_READY'],
    ['RESULT_READY', 'return_result', 'RESULT_RETURNED'],
  ];
  it.each(allowed)('%s --%s--> %s', (from, action, to) => {
    expect(nextStatus(from, action)).toBe(to);
  });

  const refused: [DossierStatus, DossierAction][] = [
    ['DRAFT', 'receive'],
    ['SUBMITTED', 'submit'],
    ['RECEIVED', 'submit'],
    ['RECEIVED', 'request_supplement'],
    ['SUBMITTED', 'resubmit'],
    ['RECEIVED', 'refuse'],
    ['RESULT_READY', 'withdraw'],
    ['RESULT_RETURNED', 'withdraw'],
    ['DRAFT', 'withdraw'],
    ['REFUSED', 'receive'],
    ['WITHDRAWN', 'resubmit'],
  ];
  it.each(refused)('refuses %s --%s-->', (from, action) => {
    expect(nextStatus(from, action)).toBeUndefined();
  });

  it('has no transition out of a final status', () => {
    for (const final of ['REFUSED', 'WITHDRAWN', 'RESULT_RETURNED'] as DossierStatus[]) {
      for (const action of dossierActions) expect(nextStatus(final, action), `${final} ${action}`).toBeUndefined();
    }
  });
});

describe('national status codes', () => {
  const table: [DossierStatus, number | null][] = [
    ['DRAFT', null], ['INTAKE', null],
    ['SUBMITTED', 1], ['RESUBMITTED', 1], ['RECEIVED', 2], ['REFUSED', 3], ['IN_PROGRESS', 4],
    ['SUPPLEMENT_REQUESTED', 5], ['AWAITING_PAYMENT', 6], ['WITHDRAWN', 7], ['STOPPED', 8],
    ['RESULT_READY', 9], ['RESULT_RETURNED', 10],
  ];
  it.each(table)('%s → %s', (status, code) => expect(toNationalStatus(status)).toBe(code));
  it('covers every internal status and every national code', () => {
    expect(table.map(([s]) => s).sort()).toEqual([...dossierStatuses].sort());
    expect(new Set(dossierStatuses.map(toNationalStatus).filter((c) => c !== null))).toEqual(new Set([1, 2, 3, 4, 5, 6, 7, 8, 9, 10]));
  });
});

describe('appointment on the working calendar (Asia/Ho_Chi_Minh)', () => {
  const calendar = createWorkingCalendar();
  const channels = [
    { channel: 'IN_PERSON' as const, phases: [{ name: 'Giải quyết', amount: 20, unit: 'WORKING_DAY' as const }] },
    { channel: 'ONLINE' as const, phases: [{ name: 'Kiểm tra', amount: 3, unit: 'WORKING_DAY' as const }, { name: 'Thẩm định', amount: 16, unit: 'HOUR' as const }] },
  ];
  const at = (from: string, phases: Parameters<typeof appointmentFor>[1], cal = calendar) => appointmentFor(vn(from), phases, cal).toISOString();

  it('adds the phases of the channel one after another (16 working hours = 2 working days)', () => {
    expect(at('2026-11-23T09:00:00', phasesFor(channels, 'ONLINE'))).toBe(vn('2026-11-30T09:00:00').toISOString());
    expect(at('2026-11-23T09:00:00', phasesFor(channels, 'IN_PERSON'))).toBe(vn('2026-12-21T09:00:00').toISOString());
    // A channel without its own terms uses the online ones.
    expect(at('2026-11-23T09:00:00', phasesFor(channels, 'POSTAL'))).toBe(vn('2026-11-30T09:00:00').toISOString());
  });

  it('skips Tết: filed the day before Tết 2027 (days off 5–11/2), 2 + 10 working days end on 1/3, not 22/2', () => {
    const phases = [{ name: 'Tiếp nhận', amount: 2, unit: 'WORKING_DAY' as const }, { name: 'Giải quyết', amount: 10, unit: 'WORKING_DAY' as const }];
    expect(at('2027-02-04T10:00:00', phases)).toBe(vn('2027-03-01T10:00:00').toISOString());
  });

  it('counts a dossier received after closing from the next opening', () => {
    // Wednesday 18:00 → Thursday 07:00; 2 working days run out at Friday's closing.
    expect(at('2026-12-02T18:00:00', [{ name: 'Tiếp nhận', amount: 2, unit: 'WORKING_DAY' }])).toBe(vn('2026-12-04T17:00:00').toISOString());
    // Saturday counts from Monday's opening.
    expect(at('2026-11-28T10:00:00', [{ name: 'Tiếp nhận', amount: 1, unit: 'WORKING_DAY' }])).toBe(vn('2026-11-30T17:00:00').toISOString());
  });

  it('follows the administrators\' overrides', () => {
    const withDayOff = createWorkingCalendar({ overrides: [{ date: '2026-11-30', kind: 'DAY_OFF', note: 'Nghỉ hoán đổi' }] });
    expect(at('2026-11-23T09:00:00', phasesFor(channels, 'ONLINE'), withDayOff)).toBe(vn('2026-12-01T09:00:00').toISOString());
  });

  it('moves a calendar-day deadline off a weekend', () => {
    expect(at('2026-11-23T09:00:00', [{ name: 'Giải quyết', amount: 5, unit: 'CALENDAR_DAY' }])).toBe(vn('2026-11-30T09:00:00').toISOString());
  });
});

describe('dossier code', () => {
  it('is {agency}-{yyMMdd}-{NNNN} with the Viet Nam date', () => {
    expect(codeDay(vn('2026-01-02T00:30:00'))).toBe('260102');
    expect(formatDossierCode('000.00.01.G99', '260102', 7)).toBe('000.00.01.G99-260102-0007');
    expect(formatDossierCode('000.00.01.G99', '260102', 12345)).toBe('000.00.01.G99-260102-12345');
  });
});

describe('tracking key', () => {
  const applicant = { personalIdNumber: '001090012345', phone: '0912000001' };
  it.each([['2345', true], ['0001', true], ['1234', false], ['12345', false], ['', false]] as const)('%s → %s', (key, ok) => {
    expect(matchesTrackingKey(key, applicant)).toBe(ok);
  });
});

describe('supplement answers', () => {
  it('lists changed paths and those not requested', () => {
    const before = { name: 'A', address: { street: 'x', city: 'HN' }, n: 1 };
    const after = { name: 'B', address: { street: 'y', city: 'HN' }, n: 1, extra: true };
    const changed = changedAnswerPaths(before, after);
    expect(changed.sort()).toEqual(['address.street', 'extra', 'name']);
    expect(unrequestedChanges(changed, ['address', '/name'])).toEqual(['extra']);
  });
});

describe('draftCompleteness', () => {
  const schema = {
    type: 'object',
    required: ['name', 'site', 'wells', 'purposes', 'missingFromProperties'],
    $defs: { well: { type: 'object', required: ['code', 'depth'], properties: { code: { type: 'string' }, depth: { type: 'number' }, note: { type: 'string' } } } },
    properties: {
      name: { type: 'string' },
      notes: { type: 'string' },
      site: { type: 'object', required: ['province', 'commune'], properties: { province: { type: 'string' }, commune: { type: 'string' }, detail: { type: 'string' } } },
      optionalSection: { type: 'object', required: ['a'], properties: { a: { type: 'string' } } },
      wells: { type: 'array', minItems: 1, items: { $ref: '#/$defs/well' } },
      purposes: { type: 'array', minItems: 1, items: { type: 'string', enum: ['A', 'B'] } },
    },
    allOf: [{ required: ['extra'], properties: { extra: { type: 'integer' } } }],
  };
  const components = [{ id: 'c1', mandatory: true }, { id: 'c2', mandatory: true }, { id: 'c3', mandatory: false }];

  it('counts required fields inside required sections and each row of a required list, and nothing optional', () => {
    // name, site.province, site.commune, wells[0].code, wells[0].depth, purposes, missingFromProperties, extra.
    expect(draftCompleteness({ schema, answers: {}, components, attachments: [] })).toEqual({ requiredFields: { filled: 0, total: 8 }, missingDocuments: 2 });
    const answers = {
      name: 'Công ty A', notes: 'không tính', site: { province: 'Hà Nội', commune: '  ' },
      wells: [{ code: 'LK1', depth: 80 }, { code: 'LK2' }], purposes: ['A'], extra: 0, optionalSection: {},
    };
    // Two wells of two required fields each: 10 fields in all, 7 answered (blank text is empty; 0 is an answer).
    expect(draftCompleteness({ schema, answers, components, attachments: [] }).requiredFields).toEqual({ filled: 7, total: 10 });
  });

  it('counts a mandatory component as missing until it has a file that is not infected', () => {
    const attachments = [
      { componentId: 'c1', scanStatus: 'INFECTED' as const },
      { componentId: 'c2', scanStatus: 'PENDING' as const },
      { componentId: 'c3', scanStatus: 'CLEAN' as const },
    ];
    expect(draftCompleteness({ schema, answers: {}, components, attachments }).missingDocuments).toBe(1);
    expect(draftCompleteness({ schema, answers: {}, components, attachments: [...attachments, { componentId: 'c1', scanStatus: 'CLEAN' }] }).missingDocuments).toBe(0);
  });

  it('has nothing to count without a form', () => {
    expect(draftCompleteness({ schema: null, answers: {}, components: [], attachments: [] })).toEqual({ requiredFields: { filled: 0, total: 0 }, missingDocuments: 0 });
  });
});
