import { describe, expect, it } from 'vitest';
import groundwater from '../../seed/forms/1.012604.json' with { type: 'json' };
import { answerLines, formOrderKey, renderAnswers, sortByFormOrder } from './answers.js';
import { withRequiredSections } from './skeleton.js';
import { validateAnswers } from './validate.js';
import type { JsonSchema } from './schema-walk.js';

const { schema, uiSchema } = groundwater.cases[0] as unknown as { schema: JsonSchema; uiSchema: JsonSchema };

const answers = {
  notes: 'Không',
  abstraction: {
    duration: 10,
    flow: 3500.5,
    purposes: ['INDUSTRY', 'DOMESTIC'],
    wells: [
      { flow: 1200, depth: 80, y: 560000, x: 2345678, code: 'LK1' },
      { code: 'LK2', x: 2345000, y: 561000, depth: 95, flow: 2300.5 },
    ],
    aquifer: 'Pleistocen',
    location: { commune: 'Phường Hoàn Kiếm', province: 'Hà Nội' },
  },
  organisation: { phone: '0912345678', name: 'Công ty Cổ phần Nước sạch Hà Nội', taxCode: '0100109106' },
};

describe('renderAnswers: the answers as the form shows them', () => {
  const tree = renderAnswers(schema, uiSchema, answers);

  it('follows the form order (ui:order), not the stored key order', () => {
    expect(tree.map((n) => n.label)).toEqual(['Thông tin tổ chức đề nghị', 'Công trình khai thác nước dưới đất', 'Ghi chú, đề nghị khác']);
    const org = tree[0]!;
    expect(org.kind === 'group' && org.children.map((c) => c.label)).toEqual(['Mã số thuế (mã số doanh nghiệp)', 'Tên tổ chức, doanh nghiệp', 'Số điện thoại liên hệ']);
    const work = tree[1]!;
    expect(work.kind === 'group' && work.children.map((c) => c.label)).toEqual([
      'Vị trí công trình',
      'Tầng chứa nước khai thác',
      'Giếng khai thác',
      'Mục đích khai thác, sử dụng nước',
      'Lưu lượng khai thác lớn nhất (m³/ngày đêm)',
      'Thời hạn đề nghị cấp phép (năm)',
    ]);
  });

  it('shows option titles instead of codes, and numbers the Vietnamese way', () => {
    const lines = answerLines(tree);
    expect(lines).toContainEqual({ depth: 1, label: 'Mục đích khai thác, sử dụng nước', text: 'Sản xuất công nghiệp, dịch vụ; Cấp nước sinh hoạt' });
    expect(lines).toContainEqual({ depth: 1, label: 'Lưu lượng khai thác lớn nhất (m³/ngày đêm)', text: '3.500,5' });
    expect(JSON.stringify(tree)).not.toContain('INDUSTRY');
  });

  it('gives each row of a repeatable section a labelled group with its fields in order', () => {
    const lines = answerLines(tree);
    const start = lines.findIndex((l) => l.label === 'Giếng khai thác');
    expect(lines.slice(start, start + 8)).toEqual([
      { depth: 1, label: 'Giếng khai thác' },
      { depth: 2, label: 'Giếng 1' },
      { depth: 3, label: 'Số hiệu giếng', text: 'LK1' },
      { depth: 3, label: 'Tọa độ X (VN-2000, m)', text: '2.345.678' },
      { depth: 3, label: 'Tọa độ Y (VN-2000, m)', text: '560.000' },
      { depth: 3, label: 'Chiều sâu (m)', text: '80' },
      { depth: 3, label: 'Lưu lượng (m³/ngày đêm)', text: '1.200' },
      { depth: 2, label: 'Giếng 2' },
    ]);
  });

  it('leaves out empty answers and sections, writes yes/no and dd/mm/yyyy dates', () => {
    const s: JsonSchema = {
      type: 'object',
      properties: {
        a: { type: 'string', title: 'A' },
        born: { type: 'string', format: 'date', title: 'Ngày sinh' },
        ok: { type: 'boolean', title: 'Đồng ý' },
        kind: { type: 'string', enum: ['X', 'Y'], title: 'Loại' },
        empty: { type: 'object', title: 'Trống', properties: { b: { type: 'string', title: 'B' } } },
      },
    };
    const lines = answerLines(renderAnswers(s, { kind: { 'ui:enumNames': ['Loại X', 'Loại Y'] } }, { a: '', born: '1990-05-17', ok: false, kind: 'Y', empty: { b: '' } }));
    expect(lines).toEqual([
      { depth: 0, label: 'Ngày sinh', text: '17/05/1990' },
      { depth: 0, label: 'Đồng ý', text: 'Không' },
      { depth: 0, label: 'Loại', text: 'Loại Y' },
    ]);
  });
});

describe('form order of errors', () => {
  it('sorts field paths as the form shows them, rows by index', () => {
    const paths = ['abstraction.wells.1.code', 'organisation.phone', 'abstraction.location.province', 'abstraction.wells.0.flow', 'organisation.name', 'abstraction.wells.0.code', 'abstraction.aquifer'];
    expect(sortByFormOrder(schema, uiSchema, paths.map((path) => ({ path }))).map((e) => e.path)).toEqual([
      'organisation.name',
      'organisation.phone',
      'abstraction.location.province',
      'abstraction.aquifer',
      'abstraction.wells.0.code',
      'abstraction.wells.0.flow',
      'abstraction.wells.1.code',
    ]);
    expect(formOrderKey(schema, uiSchema, 'abstraction.wells.0.x')).toEqual([1, 2, 0, 1]);
  });
});

describe('withRequiredSections: every missing field is named on the first try', () => {
  it('adds the required sections and one row of a required repeatable section', () => {
    const filled = withRequiredSections(schema, {});
    expect(filled).toMatchObject({ organisation: {}, abstraction: { location: {}, wells: [{}] } });
    expect(filled).not.toHaveProperty('notes');
  });

  it('keeps answers and an array emptied on purpose', () => {
    const filled = withRequiredSections(schema, { organisation: { name: 'A' }, abstraction: { wells: [] } });
    expect(filled).toMatchObject({ organisation: { name: 'A' }, abstraction: { wells: [], location: {} } });
  });

  it('makes validation report the fields inside untouched sections, not the section', () => {
    const result = validateAnswers(schema, withRequiredSections(schema, {}));
    expect(result.valid).toBe(false);
    const paths = result.valid ? [] : result.errors.map((e) => e.path);
    expect(paths).toEqual(expect.arrayContaining(['organisation.name', 'abstraction.location.provinceCode', 'abstraction.location.communeCode', 'abstraction.wells.0.code', 'abstraction.purposes']));
    expect(paths).not.toContain('abstraction');
    expect(paths).not.toContain('organisation');
  });
});
