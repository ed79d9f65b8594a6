import { describe, expect, it } from 'vitest';
import { initialTexts, renderTemplate, TEMPLATE_DEFINITIONS, templateKinds, toRuns, validateTemplate } from './templates.js';

describe('document templates', () => {
  it('accepts every initial text, which uses only documented placeholders', () => {
    for (const kind of templateKinds) expect(validateTemplate(kind, initialTexts(kind)), kind).toEqual([]);
  });

  it('reports unknown placeholders, filters, tags, file tags and syntax errors with line and column', () => {
    const texts = { ...initialTexts('02'), mo_dau: 'Một\nHai {{ ho_so.ma }} {{ nguoi_nop.so_dien_thoai }}' };
    expect(validateTemplate('02', texts)).toEqual([{ field: 'mo_dau', line: 2, column: 23, message: 'Dòng 2: biến {{ nguoi_nop.so_dien_thoai }} không có trong danh sách biến của mẫu.' }]);
    const problem = (mo_dau: string) => validateTemplate('03', { ...initialTexts('03'), mo_dau })[0]?.message;
    expect(problem('{{ co_quan.ten | xoa }}')).toBe('Dòng 1: Bộ lọc "xoa" không tồn tại.');
    expect(problem('a\nb\n{% lap %}')).toBe('Dòng 3: Thẻ "lap" không tồn tại.');
    expect(problem("{% render 'x' %}")).toBe('Dòng 1: Thẻ {% render %} không được dùng trong mẫu văn bản.');
    expect(problem('{% if co_quan.ten %}')).toMatch(/^Dòng 1: Thẻ hoặc biến chưa được đóng/);
    expect(problem('{{ constructor }}')).toContain('biến {{ constructor }} không có');
    expect(problem('')).toBe('Phần "Câu mở đầu" không được để trống.');
    expect(validateTemplate('03', { mo_dau: 'x', ket_thuc: 'y', them: 'z' })[0]?.message).toBe('Mẫu không có phần "them".');
    expect(validateTemplate('01', { ...initialTexts('01'), tieu_de_tra_cuu: 'a\nb' })[0]?.message).toContain('chỉ có một dòng');
  });

  it('fills placeholders, tests them with if, prints nothing for what a document lacks and keeps asterisks of values', () => {
    const values = { 'co_quan.ten': 'Sở *Nông nghiệp*', 'nguoi_nop.ten': 'Lê Thị Hoa' };
    const out = renderTemplate('04', { mo_dau: 'Ông/Bà **{{ nguoi_nop.ten }}**{% if nguoi_nop.dia_chi != "" %}, {{ nguoi_nop.dia_chi }}{% endif %}', noi_dung: '{{ co_quan.ten }}', ket_thuc: 'x' }, values);
    expect(toRuns(out.mo_dau!)).toEqual([{ text: 'Ông/Bà ' }, { text: 'Lê Thị Hoa', style: 'bold' }]);
    expect(toRuns(out.noi_dung!)).toEqual([{ text: 'Sở *Nông nghiệp*' }]);
    // The result document has no bold markup: values are printed as they are.
    expect(renderTemplate('RESULT', { trich_yeu: 'Về {{ thu_tuc.ten }}' }, { 'thu_tuc.ten': 'A*B' }).trich_yeu).toBe('Về A*B');
  });

  it('documents every placeholder with a description and a sample', () => {
    for (const kind of templateKinds) {
      for (const p of TEMPLATE_DEFINITIONS[kind].placeholders) expect(p.description && p.sample, `${kind} ${p.name}`).toBeTruthy();
    }
  });
});
