/**
 * The form builder's model and its mapping to the e-form format the dossiers use (JSON Schema
 * 2020-12 + uiSchema, as in the seeded forms): each field kind generates the schema and uiSchema
 * of the seeds (Vietnamese formats, `x-address` with the `administrativeAddress` field,
 * `x-prefill`, `oneOf` options with titles, repeatable groups as arrays of objects), and a
 * condition "show when field X equals value" is an `if`/`then` on the object holding both fields
 * (the renderer shows `then` fields when the condition holds, the server requires them only then).
 *
 * Pure and lossless: keywords the builder does not edit (lengths, minimums, widgets…) are kept in
 * `extra`/`uiExtra`, conditions it does not understand in `otherConditions`, so JSON → model → JSON
 * gives the same form.
 */
import { isPrefillPath, PREFILL_PATHS, type PrefillPath } from '../../../../../common/forms/prefill';
import type { JsonSchema } from '../../../../../common/forms/schema-walk';

export const FORM_DIALECT = 'https://json-schema.org/draft/2020-12/schema';

export const FIELD_KINDS = ['text', 'number', 'date', 'select', 'checkbox', 'group', 'section', 'file', 'address', 'personalId', 'taxCode', 'phone', 'email'] as const;
export type FieldKind = (typeof FIELD_KINDS)[number];
/** A field the builder keeps as it is (edited in the JSON view): label, help and order still editable. */
export type AnyKind = FieldKind | 'other';

export type ConditionValue = string | number | boolean;
export interface Condition {
  /** Key of a field of the same section. */
  field: string;
  equals: ConditionValue;
}
export interface Option {
  value: string;
  title: string;
}

export interface BuilderField {
  key: string;
  kind: AnyKind;
  label: string;
  help?: string;
  required: boolean;
  /** select, file: the choices. */
  options?: Option[];
  /** section, group: the fields inside (a group's are those of each row). */
  fields?: BuilderField[];
  /** group: the name of one row ("Giếng"). */
  itemLabel?: string;
  prefill?: PrefillPath;
  showWhen?: Condition;
  /** Schema keywords not edited by the builder. */
  extra: JsonSchema;
  /** uiSchema entries not edited by the builder. */
  uiExtra: JsonSchema;
  /** group: keywords of `items` not edited by the builder, and the uiSchema of `items`. */
  itemsExtra?: JsonSchema;
  itemsUiExtra?: JsonSchema;
}

export interface BuilderForm {
  title: string;
  description?: string;
  fields: BuilderField[];
  extra: JsonSchema;
  uiExtra: JsonSchema;
  /** `if`/`then` blocks that are not a simple "equals" condition, kept as they are. */
  otherConditions: JsonSchema[];
  /** The source used a single `if`/`then` at the top (seed style) rather than `allOf`. */
  bareCondition?: boolean;
}

/** Prefill sources a field kind may take (profile paths of `x-prefill`). */
export const PREFILL_FOR: Record<AnyKind, readonly PrefillPath[]> = {
  text: ['fullName', 'address', 'organisation.name', 'organisation.address', 'applicantKind'],
  number: [],
  date: ['dateOfBirth'],
  select: ['applicantKind'],
  checkbox: [],
  group: [],
  section: [],
  file: [],
  address: ['address'],
  personalId: ['personalIdNumber'],
  taxCode: ['organisation.taxCode'],
  phone: ['phone'],
  email: ['email'],
  other: PREFILL_PATHS,
};

/** The address of administrative units as the seeded forms write it (address-shape.ts). */
export function addressProperties(): JsonSchema {
  return {
    required: ['provinceCode', 'communeCode'],
    dependentRequired: { provinceCode: ['provinceName'], communeCode: ['communeName'] },
    properties: {
      provinceCode: { type: 'string', title: 'Tỉnh, thành phố trực thuộc trung ương', pattern: '^[0-9]{2}$' },
      provinceName: { type: 'string', title: 'Tên tỉnh, thành phố', minLength: 1, maxLength: 100 },
      communeCode: { type: 'string', title: 'Xã, phường, đặc khu', pattern: '^[0-9]{5}$' },
      communeName: { type: 'string', title: 'Tên xã, phường, đặc khu', minLength: 1, maxLength: 100 },
      detail: { type: 'string', title: 'Số nhà, đường phố, thôn, tổ', minLength: 1, maxLength: 300 },
    },
  };
}

/** Marks a select as a reference to one of the dossier's documents (a data attribute, harmless for the widget). */
export const FILE_REFERENCE_OPTION = 'data-field-kind';
export const FILE_REFERENCE_VALUE = 'file-reference';

/** A new field of a kind, with the limits and help the seeded forms use. */
export function newField(kind: FieldKind, key: string, label: string): BuilderField {
  const f: BuilderField = { key, kind, label, required: false, extra: {}, uiExtra: {} };
  switch (kind) {
    case 'text':
      f.extra = { minLength: 1, maxLength: 500 };
      break;
    case 'select':
      f.options = [{ value: 'A', title: 'Lựa chọn 1' }, { value: 'B', title: 'Lựa chọn 2' }];
      break;
    case 'file':
      f.options = [{ value: 'giay-to-1', title: 'Giấy tờ 1' }];
      f.help = 'Chọn giấy tờ đã đính kèm ở phần thành phần hồ sơ';
      break;
    case 'group':
      f.fields = [];
      f.itemLabel = 'Dòng';
      f.itemsExtra = {};
      f.itemsUiExtra = {};
      break;
    case 'section':
      f.fields = [];
      break;
    case 'address':
      f.extra = addressProperties();
      f.uiExtra = { 'ui:order': ['provinceCode', 'communeCode', 'detail', '*'] };
      break;
    case 'personalId':
      f.extra = { minLength: 1, maxLength: 12 };
      f.help = '12 chữ số ghi trên thẻ căn cước hoặc căn cước công dân';
      f.uiExtra = { 'ui:options': { inputType: 'text' } };
      break;
    case 'taxCode':
      f.extra = { minLength: 1, maxLength: 14 };
      f.help = '10 chữ số; đơn vị phụ thuộc ghi thêm 3 chữ số, ví dụ 0100109106-001';
      break;
    case 'phone':
      f.extra = { minLength: 1, maxLength: 20 };
      f.help = 'Số di động hoặc số cố định kèm mã vùng';
      f.uiExtra = { 'ui:options': { inputType: 'tel' } };
      break;
    case 'email':
      f.extra = { minLength: 1, maxLength: 254 };
      f.uiExtra = { 'ui:options': { inputType: 'email' } };
      break;
    default:
      break;
  }
  return f;
}

export const emptyForm = (title = ''): BuilderForm => ({ title, fields: [], extra: {}, uiExtra: {}, otherConditions: [] });

const isObj = (v: unknown): v is JsonSchema => typeof v === 'object' && v !== null && !Array.isArray(v);
const omit = (o: JsonSchema, keys: readonly string[]): JsonSchema => Object.fromEntries(Object.entries(o).filter(([k]) => !keys.includes(k)));

const FORMAT_KIND: Record<string, FieldKind> = { date: 'date', 'vn-personal-id': 'personalId', 'vn-tax-code': 'taxCode', 'vn-phone': 'phone', email: 'email' };
const KIND_FORMAT: Partial<Record<AnyKind, string>> = { date: 'date', personalId: 'vn-personal-id', taxCode: 'vn-tax-code', phone: 'vn-phone', email: 'email' };

const optionsOf = (node: JsonSchema): Option[] | undefined => {
  if (!Array.isArray(node.oneOf) || node.oneOf.length === 0) return undefined;
  const out: Option[] = [];
  for (const o of node.oneOf as unknown[]) {
    if (!isObj(o) || typeof o.const !== 'string' || Object.keys(o).some((k) => k !== 'const' && k !== 'title')) return undefined;
    out.push({ value: o.const, title: typeof o.title === 'string' ? o.title : o.const });
  }
  return out;
};

/** The kind of a field's schema (and its uiSchema, for file references). */
export function kindOf(node: JsonSchema, ui: JsonSchema = {}): AnyKind {
  if (node['x-address'] === true && node.type === 'object') return 'address';
  if (node.type === 'object' && isObj(node.properties)) return 'section';
  if (node.type === 'array' && isObj(node.items) && node.items.type === 'object' && isObj(node.items.properties)) return 'group';
  if (node.type === 'boolean') return 'checkbox';
  if (node.type === 'number' || node.type === 'integer') return node.type === 'number' ? 'number' : 'other';
  if (node.type !== 'string') return 'other';
  if (typeof node.format === 'string') return FORMAT_KIND[node.format] ?? 'other';
  if (optionsOf(node)) return isObj(ui['ui:options']) && ui['ui:options'][FILE_REFERENCE_OPTION] === FILE_REFERENCE_VALUE ? 'file' : 'select';
  if (node.oneOf !== undefined || node.enum !== undefined || node.const !== undefined) return 'other';
  return 'text';
}

/** Schema keywords the builder writes itself, per kind (the rest goes to `extra`). */
const managedKeys = (kind: AnyKind): string[] => {
  const base = ['type', 'title', 'x-prefill'];
  switch (kind) {
    case 'other': return ['title', 'x-prefill'];
    case 'select': case 'file': return [...base, 'oneOf'];
    case 'section': return [...base, 'properties', 'required', 'allOf', 'if', 'then'];
    case 'group': return [...base, 'items'];
    case 'address': return [...base, 'x-address'];
    default: return KIND_FORMAT[kind] ? [...base, 'format'] : base;
  }
};

/** A simple condition: `if: { properties: { f: { const: v } }, required: [f] }`, `then` with only properties/required. */
function simpleCondition(block: unknown): { cond: Condition; then: JsonSchema } | undefined {
  if (!isObj(block) || Object.keys(block).some((k) => k !== 'if' && k !== 'then')) return undefined;
  const { if: cond, then } = block as { if: unknown; then: unknown };
  if (!isObj(cond) || !isObj(then)) return undefined;
  if (Object.keys(cond).some((k) => k !== 'properties' && k !== 'required')) return undefined;
  if (Object.keys(then).some((k) => k !== 'properties' && k !== 'required')) return undefined;
  if (!isObj(then.properties)) return undefined;
  const props = cond.properties;
  if (!isObj(props) || Object.keys(props).length !== 1) return undefined;
  const [field] = Object.keys(props);
  const test = props[field!];
  if (!isObj(test) || Object.keys(test).length !== 1 || !['string', 'number', 'boolean'].includes(typeof test.const)) return undefined;
  if (!Array.isArray(cond.required) || cond.required.length !== 1 || cond.required[0] !== field) return undefined;
  return { cond: { field: field!, equals: test.const as ConditionValue }, then };
}

interface ObjectParts {
  fields: BuilderField[];
  otherConditions: JsonSchema[];
  bareCondition: boolean;
}

/** The fields of an object node (root, section or a group's row) in the order the form shows them. */
function parseObject(node: JsonSchema, ui: JsonSchema): ObjectParts {
  const entries: Array<{ key: string; schema: JsonSchema; required: boolean; showWhen?: Condition }> = [];
  const required = new Set(Array.isArray(node.required) ? (node.required as string[]) : []);
  for (const [key, schema] of Object.entries(isObj(node.properties) ? node.properties : {})) {
    if (isObj(schema)) entries.push({ key, schema, required: required.has(key) });
  }
  const otherConditions: JsonSchema[] = [];
  let bareCondition = false;
  const blocks: unknown[] = [];
  if (node.if !== undefined || node.then !== undefined) {
    blocks.push({ if: node.if, then: node.then, ...(node.else !== undefined ? { else: node.else } : {}) });
    bareCondition = true;
  }
  if (Array.isArray(node.allOf)) blocks.push(...(node.allOf as unknown[]));
  for (const block of blocks) {
    const simple = simpleCondition(block);
    if (!simple) {
      otherConditions.push(block as JsonSchema);
      continue;
    }
    const req = new Set(Array.isArray(simple.then.required) ? (simple.then.required as string[]) : []);
    const props = simple.then.properties as JsonSchema;
    // A condition requiring a field it does not declare stays as it is.
    if ([...req].some((k) => !(k in props)) || Object.keys(props).some((k) => entries.some((e) => e.key === k))) {
      otherConditions.push(block as JsonSchema);
      continue;
    }
    for (const [key, schema] of Object.entries(props)) if (isObj(schema)) entries.push({ key, schema, required: req.has(key), showWhen: simple.cond });
  }
  if (otherConditions.length) bareCondition = bareCondition && blocks.length === 1;
  const order = Array.isArray(ui['ui:order']) ? (ui['ui:order'] as string[]) : [];
  const rank = (k: string) => {
    const i = order.indexOf(k);
    return i === -1 ? order.length + entries.findIndex((e) => e.key === k) : i;
  };
  entries.sort((a, b) => rank(a.key) - rank(b.key));
  return {
    fields: entries.map((e) => parseField(e.key, e.schema, isObj(ui[e.key]) ? (ui[e.key] as JsonSchema) : {}, e.required, e.showWhen)),
    otherConditions,
    bareCondition,
  };
}

function parseField(key: string, node: JsonSchema, ui: JsonSchema, required: boolean, showWhen?: Condition): BuilderField {
  const kind = kindOf(node, ui);
  const f: BuilderField = { key, kind, label: typeof node.title === 'string' ? node.title : '', required, extra: omit(node, managedKeys(kind)), uiExtra: {} };
  if (showWhen) f.showWhen = showWhen;
  if (typeof ui['ui:help'] === 'string') f.help = ui['ui:help'];
  if (isPrefillPath(node['x-prefill'])) f.prefill = node['x-prefill'];
  else if (node['x-prefill'] !== undefined) f.extra['x-prefill'] = node['x-prefill'];
  let uiManaged = ['ui:help'];
  if (kind === 'select' || kind === 'file') f.options = optionsOf(node);
  if (kind === 'address') uiManaged = [...uiManaged, 'ui:field'];
  if (kind === 'section') {
    const parts = parseObject(node, ui);
    f.fields = parts.fields;
    // Conditions the builder does not edit are kept as written, and so is the `if` at the node.
    if (parts.otherConditions.length) f.extra.allOf = parts.otherConditions;
    if (parts.bareCondition) f.extra['x-builder-bare'] = true;
    const fieldKeys = new Set(parts.fields.map((x) => x.key));
    f.uiExtra = omit(ui, [...uiManaged, ...fieldKeys]);
    return f;
  }
  if (kind === 'group') {
    const items = node.items as JsonSchema;
    const itemsUi = isObj(ui.items) ? (ui.items as JsonSchema) : {};
    const parts = parseObject(items, itemsUi);
    f.fields = parts.fields;
    f.itemLabel = typeof items.title === 'string' ? items.title : '';
    f.itemsExtra = omit(items, ['type', 'title', 'properties', 'required', 'allOf', 'if', 'then']);
    if (parts.otherConditions.length) f.itemsExtra.allOf = parts.otherConditions;
    if (parts.bareCondition) f.itemsExtra['x-builder-bare'] = true;
    f.itemsUiExtra = omit(itemsUi, parts.fields.map((x) => x.key));
    f.uiExtra = omit(ui, [...uiManaged, 'items']);
    return f;
  }
  f.uiExtra = omit(ui, uiManaged);
  return f;
}

/** A form's JSON (schema + uiSchema) as the builder's model. */
export function fromJson(schema: JsonSchema, uiSchema: JsonSchema = {}): BuilderForm {
  const parts = parseObject(schema, uiSchema);
  const form: BuilderForm = {
    title: typeof schema.title === 'string' ? schema.title : '',
    fields: parts.fields,
    extra: omit(schema, ['$schema', 'type', 'title', 'description', 'properties', 'required', 'allOf', 'if', 'then']),
    uiExtra: omit(uiSchema, parts.fields.map((f) => f.key)),
    otherConditions: parts.otherConditions,
  };
  if (typeof schema.description === 'string') form.description = schema.description;
  if (parts.bareCondition) form.bareCondition = true;
  return form;
}

interface ObjectOut {
  properties: JsonSchema;
  required: string[];
  conditions: JsonSchema[];
  ui: JsonSchema;
}

const conditionKey = (c: Condition) => `${c.field}\u0000${JSON.stringify(c.equals)}`;

function buildObject(fields: BuilderField[]): ObjectOut {
  const out: ObjectOut = { properties: {}, required: [], conditions: [], ui: {} };
  const groups = new Map<string, { cond: Condition; properties: JsonSchema; required: string[] }>();
  for (const f of fields) {
    const { schema, ui } = buildField(f);
    if (Object.keys(ui).length) out.ui[f.key] = ui;
    const known = f.showWhen && fields.some((x) => x.key === f.showWhen!.field && !x.showWhen);
    if (f.showWhen && known) {
      const k = conditionKey(f.showWhen);
      const g = groups.get(k) ?? { cond: f.showWhen, properties: {}, required: [] };
      g.properties[f.key] = schema;
      if (f.required) g.required.push(f.key);
      groups.set(k, g);
    } else {
      out.properties[f.key] = schema;
      if (f.required) out.required.push(f.key);
    }
  }
  for (const g of groups.values()) {
    const then: JsonSchema = g.required.length ? { required: g.required, properties: g.properties } : { properties: g.properties };
    out.conditions.push({ if: { properties: { [g.cond.field]: { const: g.cond.equals } }, required: [g.cond.field] }, then });
  }
  return out;
}

/** Adds an object's conditions: one `if`/`then` at the node when it was so (or `bare`), else `allOf`. */
function withConditions(node: JsonSchema, conditions: JsonSchema[], bare: boolean): JsonSchema {
  if (conditions.length === 0) return node;
  if (bare && conditions.length === 1 && isObj(conditions[0]) && conditions[0].if !== undefined) return { ...node, ...conditions[0] };
  return { ...node, allOf: conditions };
}

function buildField(f: BuilderField): { schema: JsonSchema; ui: JsonSchema } {
  const ui: JsonSchema = { ...f.uiExtra };
  if (f.help) ui['ui:help'] = f.help;
  let schema: JsonSchema;
  const prefill = f.prefill ? { 'x-prefill': f.prefill } : {};
  switch (f.kind) {
    case 'other':
      schema = { ...f.extra, title: f.label, ...prefill };
      break;
    case 'section': {
      const inner = buildObject(f.fields ?? []);
      const { allOf: keptAllOf, 'x-builder-bare': bare, ...rest } = f.extra;
      schema = { type: 'object', title: f.label, ...rest, ...prefill, ...(inner.required.length ? { required: inner.required } : {}), properties: inner.properties };
      schema = withConditions(schema, [...inner.conditions, ...(Array.isArray(keptAllOf) ? keptAllOf : [])], bare === true);
      Object.assign(ui, inner.ui);
      setOrder(ui, f.fields ?? []);
      break;
    }
    case 'group': {
      const inner = buildObject(f.fields ?? []);
      const { allOf: keptAllOf, 'x-builder-bare': bare, ...rest } = f.itemsExtra ?? {};
      let items: JsonSchema = { type: 'object', ...(f.itemLabel ? { title: f.itemLabel } : {}), ...rest, ...(inner.required.length ? { required: inner.required } : {}), properties: inner.properties };
      items = withConditions(items, [...inner.conditions, ...(Array.isArray(keptAllOf) ? keptAllOf : [])], bare === true);
      schema = { type: 'array', title: f.label, ...f.extra, ...prefill, items };
      const itemsUi: JsonSchema = { ...f.itemsUiExtra, ...inner.ui };
      setOrder(itemsUi, f.fields ?? []);
      if (Object.keys(itemsUi).length) ui.items = itemsUi;
      break;
    }
    case 'address':
      schema = { type: 'object', title: f.label, 'x-address': true, ...prefill, ...f.extra };
      ui['ui:field'] = 'administrativeAddress';
      break;
    case 'select':
    case 'file':
      schema = { type: 'string', title: f.label, ...f.extra, ...prefill, oneOf: (f.options ?? []).map((o) => ({ const: o.value, title: o.title })) };
      if (f.kind === 'file') ui['ui:options'] = { ...(isObj(ui['ui:options']) ? ui['ui:options'] : {}), [FILE_REFERENCE_OPTION]: FILE_REFERENCE_VALUE };
      break;
    case 'checkbox':
      schema = { type: 'boolean', title: f.label, ...f.extra, ...prefill };
      break;
    case 'number':
      schema = { type: 'number', title: f.label, ...f.extra, ...prefill };
      break;
    default:
      schema = { type: 'string', title: f.label, ...f.extra, ...(KIND_FORMAT[f.kind] ? { format: KIND_FORMAT[f.kind] } : {}), ...prefill };
  }
  return { schema, ui };
}

/**
 * `ui:order` of an object: its fields in the builder's order, with the names the builder does not
 * edit (fields of kept conditions, '*') where they were, after the field they followed.
 */
export function mergeOrder(keys: string[], original: unknown): string[] {
  const before = Array.isArray(original) ? (original as unknown[]).filter((k): k is string => typeof k === 'string') : [];
  const own = new Set(keys);
  const after = new Map<string | null, string[]>();
  let anchor: string | null = null;
  for (const k of before) {
    if (own.has(k)) anchor = k;
    else after.set(anchor, [...(after.get(anchor) ?? []), k]);
  }
  const out = [...(after.get(null) ?? [])];
  for (const k of keys) out.push(k, ...(after.get(k) ?? []));
  for (const [a, list] of after) if (a !== null && !own.has(a)) out.push(...list);
  return out;
}

function setOrder(ui: JsonSchema, fields: BuilderField[]) {
  const order = mergeOrder(fields.map((f) => f.key), ui['ui:order']);
  if (order.length) ui['ui:order'] = order;
  else delete ui['ui:order'];
}

/** The builder's model as the form's JSON Schema and uiSchema. */
export function toJson(form: BuilderForm): { schema: JsonSchema; uiSchema: JsonSchema } {
  const inner = buildObject(form.fields);
  let schema: JsonSchema = {
    $schema: FORM_DIALECT,
    title: form.title,
    ...(form.description !== undefined ? { description: form.description } : {}),
    type: 'object',
    ...form.extra,
    ...(inner.required.length ? { required: inner.required } : {}),
    properties: inner.properties,
  };
  schema = withConditions(schema, [...inner.conditions, ...form.otherConditions], form.bareCondition === true);
  const uiSchema: JsonSchema = { ...form.uiExtra, ...inner.ui };
  setOrder(uiSchema, form.fields);
  return { schema, uiSchema };
}

/** A key for a new field: ascii from the label ("Họ và tên" → "hoVaTen"), unique among `taken`. */
export function keyFromLabel(label: string, taken: ReadonlySet<string>): string {
  const words = label.normalize('NFD').replace(/[\u0300-\u036f]/g, '').replace(/đ/g, 'd').replace(/Đ/g, 'D').toLowerCase().split(/[^a-z0-9]+/).filter(Boolean);
  let base = words.map((w, i) => (i === 0 ? w : w.charAt(0).toUpperCase() + w.slice(1))).join('').slice(0, 40) || 'field';
  if (/^\d/.test(base)) base = `f${base}`;
  let key = base;
  for (let n = 2; taken.has(key); n += 1) key = `${base}${n}`;
  return key;
}

/** Fields of a section that another field of it may depend on (not conditional themselves, with simple values). */
export const conditionSources = (siblings: BuilderField[], self: BuilderField): BuilderField[] =>
  siblings.filter((s) => s.key !== self.key && !s.showWhen && ['select', 'checkbox', 'text', 'number', 'other'].includes(s.kind));

/** Immutable edits of the field tree, addressed by the keys from the root. */
export type FieldPath = string[];

export function updateAt(fields: BuilderField[], path: FieldPath, fn: (list: BuilderField[], index: number) => BuilderField[]): BuilderField[] {
  const [head, ...rest] = path;
  const i = fields.findIndex((f) => f.key === head);
  if (i === -1) return fields;
  if (rest.length === 0) return fn(fields, i);
  const f = fields[i]!;
  const copy = fields.slice();
  copy[i] = { ...f, fields: updateAt(f.fields ?? [], rest, fn) };
  return copy;
}

export const replaceField = (fields: BuilderField[], path: FieldPath, next: BuilderField) => updateAt(fields, path, (list, i) => list.map((f, j) => (j === i ? next : f)));
export const removeField = (fields: BuilderField[], path: FieldPath) => {
  const removed = path[path.length - 1];
  return updateAt(fields, path, (list, i) => list.filter((_, j) => j !== i).map((f) => (f.showWhen?.field === removed ? omitCondition(f) : f)));
};
const omitCondition = (f: BuilderField): BuilderField => {
  const { showWhen: _drop, ...rest } = f;
  return rest;
};
export const moveField = (fields: BuilderField[], path: FieldPath, by: -1 | 1) => updateAt(fields, path, (list, i) => {
  const j = i + by;
  if (j < 0 || j >= list.length) return list;
  const copy = list.slice();
  [copy[i], copy[j]] = [copy[j]!, copy[i]!];
  return copy;
});
/** Adds a field at the end of the root (empty path) or of a section/group. */
export function addField(fields: BuilderField[], parent: FieldPath, field: BuilderField): BuilderField[] {
  if (parent.length === 0) return [...fields, field];
  return updateAt(fields, parent, (list, i) => list.map((f, j) => (j === i ? { ...f, fields: [...(f.fields ?? []), field] } : f)));
}
