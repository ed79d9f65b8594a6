import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { validateAnswers } from '../common/forms/validate.js';
import { checkForms } from './check-forms.js';
import { FORMS_DIR } from './generate-forms.js';

describe('seeded e-forms', () => {
  it('cover every online case, pass the definition check, accept their examples and reject empty answers', () => {
    const summary = checkForms();
    expect(summary.problems).toEqual([]);
    expect(summary.files).toBe(61);
    expect(summary.cases).toBe(68);
    expect(summary.examples).toBeGreaterThan(summary.cases);
  });

  it('name the fields in Vietnamese when an environmental permit request is empty', () => {
    const form = JSON.parse(readFileSync(path.join(FORMS_DIR, '1.010721.json'), 'utf8'));
    const th1 = form.cases.find((c: { caseCode: string }) => c.caseCode === 'TH1');
    const result = validateAnswers(th1.schema, { organisation: { name: '', taxCode: '12' } });
    expect(result.valid).toBe(false);
    if (!result.valid) {
      expect(result.errors).toContainEqual({ path: 'organisation.name', message: 'Tên tổ chức, doanh nghiệp: bắt buộc nhập' });
      expect(result.errors).toContainEqual({ path: 'organisation.taxCode', message: 'Mã số thuế (mã số doanh nghiệp): phải gồm 10 chữ số hoặc 13 chữ số (ví dụ 0100109106 hoặc 0100109106-001)' });
      expect(result.errors).toContainEqual({ path: 'project', message: 'Thông tin dự án, cơ sở: bắt buộc nhập' });
    }
  });

  it('show the old licence only when renewing (water drilling licence)', () => {
    const form = JSON.parse(readFileSync(path.join(FORMS_DIR, '1.012606.json'), 'utf8'));
    const schema = form.cases[0].schema;
    const renew = validateAnswers(schema, { kind: 'RENEW' });
    const adjust = validateAnswers(schema, { kind: 'ADJUST' });
    const paths = (r: ReturnType<typeof validateAnswers>) => (r.valid ? [] : r.errors.map((e) => e.path));
    expect(paths(renew)).toContain('extension');
    expect(paths(renew)).not.toContain('adjustments');
    expect(paths(adjust)).toContain('adjustments');
    expect(paths(adjust)).not.toContain('extension');
  });
});
