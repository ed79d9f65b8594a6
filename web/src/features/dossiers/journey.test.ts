import { describe, expect, it } from 'vitest';
import { acceptAttribute, expiresSoon, formFields, missingComponents, problemField, resumeStep, stepFromSearch, typeNames, valueAt } from './journey';

const component = (mandatory: boolean, files: number) => ({ mandatory, attachments: Array.from({ length: files }, () => ({})) }) as never;

describe('the filing journey', () => {
  it('keeps the step of the address within the draft steps', () => {
    expect(stepFromSearch(null)).toBe(2);
    expect(stepFromSearch('3')).toBe(3);
    expect(stepFromSearch('4')).toBe(3);
    expect(stepFromSearch('9')).toBe(3);
    expect(stepFromSearch('1')).toBe(2);
    expect(stepFromSearch('abc')).toBe(2);
  });

  it('resumes at the first step that needs the applicant: the form with its documents, else the review', () => {
    expect(resumeStep({ problems: [{ path: 'answers.x', message: 'm' }], components: [] })).toBe(2);
    expect(resumeStep({ problems: [], components: [component(true, 0), component(false, 0)] })).toBe(2);
    expect(resumeStep({ problems: [], components: [component(true, 1), component(false, 0)] })).toBe(3);
    expect(missingComponents({ components: [component(true, 0), component(true, 2), component(false, 0)] })).toHaveLength(1);
  });

  it('lists the leaf fields of a form with their titles', () => {
    const schema = { properties: { org: { title: 'Tổ chức', properties: { name: { type: 'string', title: 'Tên' } } }, notes: { type: 'string' } } };
    expect(formFields(schema)).toEqual([{ path: 'org.name', label: 'Tổ chức › Tên' }, { path: 'notes', label: 'notes' }]);
  });

  it('reads answers', () => {
    const answers = { org: { name: 'Công ty A' }, ok: true, list: ['a', 'b'] };
    expect(valueAt(answers, 'org.name')).toBe('Công ty A');
    expect(valueAt(answers, 'org.missing.deep')).toBeUndefined();
    expect(problemField('answers.org.name')).toBe('org.name');
  });

  it('warns of a draft expiring within five days', () => {
    const now = new Date('2026-11-28T00:00:00Z');
    expect(expiresSoon('2026-12-01T00:00:00Z', now)).toBe(true);
    expect(expiresSoon('2026-12-20T00:00:00Z', now)).toBe(false);
    expect(expiresSoon(null, now)).toBe(false);
  });

  it('names and accepts the file types a component allows', () => {
    const xlsx = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
    expect(typeNames(['application/pdf', 'image/jpeg', 'image/png'])).toBe('PDF, JPG, PNG');
    expect(typeNames(['application/pdf', 'application/zip', xlsx])).toBe('PDF, ZIP, XLSX');
    expect(acceptAttribute(['application/pdf', 'application/zip'])).toBe('application/pdf,.pdf,application/zip,.zip');
    expect(acceptAttribute([xlsx])).toBe(`${xlsx},.xlsx`);
  });
});
