import { describe, expect, it } from 'vitest';
import { catalogueEditorVi } from '../../../i18n/catalogue-editor.vi';
import { catalogueEditorEn } from '../../../i18n/catalogue-editor.en';
import { draftSchemaOf, isShown, pathSegments, sectionErrors, sectionSchema, type Rec, type SchemaTexts } from './section-schema';

const textsOf = (f: typeof catalogueEditorVi.contentForm): SchemaTexts => ({ titles: f.titles, rows: f.rows, choices: f.choices, yes: f.yes, no: f.no, datePlaceholder: f.datePlaceholder });
const vi = textsOf(catalogueEditorVi.contentForm);

type Node = Rec & { properties?: Record<string, Node>; items?: Node; oneOf?: { const: unknown; title: string }[]; title?: string };
const at = (node: Node, ...path: string[]): Node => path.reduce<Node>((n, k) => (k === '[]' ? n.items! : n.properties![k]!), node);

/** Every node of a schema with its path, for checks over the whole tree. */
function* walk(node: Node, path = ''): Generator<[string, Node]> {
  yield [path, node];
  for (const [k, v] of Object.entries(node.properties ?? {})) yield* walk(v, `${path}.${k}`);
  if (node.items) yield* walk(node.items, `${path}[]`);
}

describe('the forms of the draft page', () => {
  const cases = sectionSchema('version', ['cases'], vi);
  const schema = cases.schema as Node;

  it('takes the section members from the draft schema, required as the exchange format', () => {
    expect(Object.keys(schema.properties!)).toEqual(['cases']);
    expect(schema.required).toEqual(['cases']);
    const legal = sectionSchema('version', ['publishingDecision', 'legalBasis'], vi).schema as Node;
    expect(legal.required).toEqual(['legalBasis']);
    expect(at(legal, 'legalBasis', '[]').required).toEqual(['number', 'title']);
    expect(Object.keys(draftSchemaOf('procedure').properties as Rec)).not.toContain('versions');
  });

  it('titles every field and row in Vietnamese, by its place', () => {
    expect(at(schema, 'cases').title).toBe('Trường hợp');
    expect(at(schema, 'cases', '[]').title).toBe('Trường hợp');
    expect(at(schema, 'cases', '[]', 'name').title).toBe('Tên trường hợp');
    expect(at(schema, 'cases', '[]', 'channels', '[]', 'fees', '[]', 'name').title).toBe('Tên khoản thu');
    expect(at(schema, 'cases', '[]', 'channels', '[]', 'fees', '[]', 'amountVnd').title).toBe('Số tiền (đồng)');
    expect(at(schema, 'cases', '[]', 'components', '[]', 'name').title).toBe('Tên giấy tờ');
    for (const section of [cases, sectionSchema('procedure', ['agencies'], vi), sectionSchema('procedure', ['applicantTypes', 'implementationLevels', 'keywords', 'provenance'], vi), sectionSchema('version', ['publishingDecision', 'legalBasis'], vi), sectionSchema('version', ['results', 'requirements', 'submissionPlaces'], vi)]) {
      for (const [path, node] of walk(section.schema as Node)) {
        if (!path || path.endsWith('[]')) continue;
        const key = path.split('.').pop()!;
        // A title that is not the raw property name.
        expect(node.title, path).toBeTruthy();
        expect(node.title, path).not.toBe(key);
      }
    }
  });

  it('gives choices Vietnamese titles, sets of choices as checkboxes, and yes/no/none for online payment', () => {
    expect(at(schema, 'cases', '[]', 'channels', '[]', 'channel').oneOf).toEqual([
      { const: 'ONLINE', title: 'Trực tuyến' }, { const: 'IN_PERSON', title: 'Trực tiếp' }, { const: 'POSTAL', title: 'Dịch vụ bưu chính' },
    ]);
    const delivery = at(schema, 'cases', '[]', 'capabilities', 'resultDelivery');
    expect(delivery.uniqueItems).toBe(true);
    expect(delivery.items!.oneOf!.find((o) => o.const === 'POSTAL')!.title).toBe('Qua dịch vụ bưu chính');
    expect((cases.uiSchema as Node).cases).toMatchObject({ items: { capabilities: { resultDelivery: { 'ui:widget': 'checkboxes' } } } });
    expect(at(schema, 'cases', '[]', 'capabilities', 'onlinePayment').oneOf).toEqual([
      { const: true, title: 'Có' }, { const: false, title: 'Không' }, { const: 'NO_FEE', title: 'Không thu phí' },
    ]);
    const agencies = sectionSchema('procedure', ['agencies'], vi).schema as Node;
    expect(at(agencies, 'agencies', '[]', 'role').oneOf!.map((o) => o.title)).toEqual(['Cơ quan thực hiện', 'Cơ quan có thẩm quyền', 'Cơ quan được ủy quyền', 'Cơ quan phối hợp']);
    for (const [path, node] of walk(schema)) {
      for (const o of node.oneOf ?? []) expect(o.title, `${path} ${String(o.const)}`).not.toBe(String(o.const));
    }
  });

  it('has English titles for every Vietnamese one', () => {
    const en = catalogueEditorEn.contentForm;
    const v = catalogueEditorVi.contentForm;
    expect(Object.keys(en.titles).sort()).toEqual(Object.keys(v.titles).sort());
    expect(Object.keys(en.rows).sort()).toEqual(Object.keys(v.rows).sort());
    expect(Object.keys(en.choices).sort()).toEqual(Object.keys(v.choices).sort());
  });

  it('hides the ids the server gives, keeps empty required text as "", lists reorderable', () => {
    const ui = cases.uiSchema as Record<string, Node>;
    const component = (ui.cases!.items as Record<string, Node>).components!.items as Record<string, Node>;
    expect(component.id).toEqual({ 'ui:widget': 'hidden' });
    expect(component.filledByForm).toEqual({ 'ui:widget': 'hidden' });
    expect((component.templates!.items as Record<string, Node>).id).toEqual({ 'ui:widget': 'hidden' });
    expect(component.name).toMatchObject({ 'ui:emptyValue': '' });
    expect(component.code?.['ui:emptyValue']).toBeUndefined();
    expect(ui.cases!['ui:options']).toEqual({ orderable: true });
    expect((ui.cases!.items as Record<string, Node>).steps).toMatchObject({ items: { 'ui:emptyValue': '' } });
  });
});

describe('the server problems on the fields', () => {
  const { schema } = sectionSchema('version', ['cases'], vi);

  it('reads both path notations', () => {
    expect(pathSegments('version.cases[0].channels[1].fees')).toEqual(['version', 'cases', '0', 'channels', '1', 'fees']);
    expect(pathSegments('version.cases.0.channels.1.fees')).toEqual(['version', 'cases', '0', 'channels', '1', 'fees']);
  });

  it('places each problem at its field, those of hidden or unknown fields under the section', () => {
    const problems = [
      { path: 'version.cases[0].name', message: 'Không được để trống' },
      { path: 'version.cases.0.channels.1.fees.0.amountVnd', message: 'Số quá nhỏ' },
      { path: 'version.cases[0].components', message: 'Chỉ một thành phần hồ sơ được đánh dấu là tờ khai điện tử (filledByForm)' },
      { path: 'version.cases[0].components[1].id', message: 'Mã trùng' },
      { path: 'version.legalBasis', message: 'Cần ít nhất một văn bản' },
      { path: 'procedure.name', message: 'Không được để trống' },
    ];
    const placed = sectionErrors(problems, 'version', ['cases'], schema);
    expect(placed.count).toBe(4);
    expect(placed.errorSchema).toEqual({
      cases: {
        0: {
          name: { __errors: ['Không được để trống'] },
          channels: { 1: { fees: { 0: { amountVnd: { __errors: ['Số quá nhỏ'] } } } } },
          components: { __errors: ['Chỉ một thành phần hồ sơ được đánh dấu là tờ khai điện tử (filledByForm)'] },
        },
      },
    });
    expect(placed.unplaced).toEqual([problems[3]]);
    expect(isShown(schema, ['cases', '0', 'nope'])).toBe(false);
  });
});
