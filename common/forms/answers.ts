/**
 * The answers of an e-form as people read them, from the form's JSON Schema and uiSchema: fields
 * in the order the form shows them (`ui:order`, else the schema's), labelled by their titles,
 * choices by their option titles, yes/no, dates as dd/mm/yyyy, and each row of a repeatable
 * section as a labelled group ("Giếng 1", "Giếng 2"), an address as one line (units chosen from the
 * list, or the free text typed before the list existed). Empty answers are left out. Pure: the same
 * function feeds the applicant's review, the officials' pages and the server's PDF documents.
 * Also gives the form order of any field path (`formOrderKey`), to list errors as the form does.
 */
import { resolveRef, walkProperties, type JsonSchema } from './schema-walk.js';
import type { FormLocale } from './messages-vi.js';
import { addressText, isAddressSchema } from './address-shape.js';

export interface AnswerField {
  kind: 'field';
  /** Dotted path in the answers: `abstraction.flow`, `abstraction.wells.0.code`. */
  path: string;
  label: string;
  /** The answer as text: option titles, "Có"/"Không", dd/mm/yyyy dates. */
  text: string;
}

export interface AnswerGroup {
  kind: 'group';
  path: string;
  /** The section's title, or the row's ("Giếng 2"). */
  label: string;
  children: AnswerNode[];
}

export interface AnswerRows {
  kind: 'rows';
  path: string;
  /** The repeatable section's title ("Giếng khai thác"). */
  label: string;
  rows: AnswerGroup[];
}

export type AnswerNode = AnswerField | AnswerGroup | AnswerRows;

export interface RenderAnswersOptions {
  locale?: FormLocale;
}

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

/** Property names of an object schema in the form's order: `ui:order` (with `*` for the rest), else declaration order. */
export function orderedProperties(node: JsonSchema, root: JsonSchema, ui: JsonSchema | undefined): Array<[string, JsonSchema]> {
  const props = walkProperties(node, root, { conditional: true });
  const order = ui?.['ui:order'];
  if (!Array.isArray(order)) return props;
  const byName = new Map(props);
  const named = order.filter((n): n is string => typeof n === 'string' && n !== '*' && byName.has(n));
  const rest = props.map(([k]) => k).filter((k) => !named.includes(k));
  const star = order.indexOf('*');
  const names = star < 0 ? [...named, ...rest] : [...named.slice(0, star), ...rest, ...named.slice(star)];
  return names.map((k) => [k, byName.get(k)!]);
}

const uiOf = (ui: JsonSchema | undefined, key: string): JsonSchema | undefined => (isObject(ui?.[key]) ? (ui[key] as JsonSchema) : undefined);

const titleOf = (node: JsonSchema, key: string) => (typeof node.title === 'string' && node.title ? node.title : key);

/** The title of an option (`oneOf`/`anyOf` const with a title, or `ui:enumNames`), else the value. */
function optionTitle(node: JsonSchema, ui: JsonSchema | undefined, value: unknown): string | undefined {
  for (const key of ['oneOf', 'anyOf'] as const) {
    const list: unknown = node[key];
    if (Array.isArray(list)) {
      const hit = list.find((o) => isObject(o) && 'const' in o && o.const === value) as JsonSchema | undefined;
      if (hit && typeof hit.title === 'string') return hit.title;
    }
  }
  if (Array.isArray(node.enum)) {
    const names: unknown = ui?.['ui:enumNames'] ?? (isObject(ui?.['ui:options']) ? (ui['ui:options'] as JsonSchema).enumNames : undefined);
    const i = node.enum.indexOf(value);
    if (i >= 0 && Array.isArray(names) && typeof names[i] === 'string') return names[i] as string;
  }
  return undefined;
}

const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

function scalarText(node: JsonSchema, ui: JsonSchema | undefined, value: unknown, locale: FormLocale): string {
  if (value === undefined || value === null || value === '') return '';
  const option = optionTitle(node, ui, value);
  if (option !== undefined) return option;
  if (typeof value === 'boolean') return value ? (locale === 'en' ? 'Yes' : 'Có') : locale === 'en' ? 'No' : 'Không';
  if (typeof value === 'number') return new Intl.NumberFormat(locale === 'en' ? 'en-GB' : 'vi-VN', { maximumFractionDigits: 6 }).format(value);
  if (typeof value === 'string') {
    const m = node.format === 'date' ? ISO_DATE.exec(value) : null;
    return m ? `${m[3]}/${m[2]}/${m[1]}` : value;
  }
  if (Array.isArray(value)) return value.map((v) => scalarText(node, ui, v, locale)).filter(Boolean).join('; ');
  if (isObject(value)) return Object.values(value).map((v) => scalarText({}, undefined, v, locale)).filter(Boolean).join(', ');
  return String(value);
}

const isObjectSchema = (s: JsonSchema) => s.type === 'object' || isObject(s.properties);

/** The answers as a tree of sections, rows and fields, in form order; empty answers are left out. */
export function renderAnswers(schema: JsonSchema, uiSchema: JsonSchema | undefined, answers: unknown, options: RenderAnswersOptions = {}): AnswerNode[] {
  const locale = options.locale ?? 'vi';
  const visitObject = (node: JsonSchema, ui: JsonSchema | undefined, value: unknown, prefix: string, depth: number): AnswerNode[] => {
    if (!isObject(value) || depth > 12) return [];
    const out: AnswerNode[] = [];
    for (const [key, raw] of orderedProperties(node, schema, ui)) {
      const child = resolveRef(raw, schema);
      const childUi = uiOf(ui, key);
      const path = prefix ? `${prefix}.${key}` : key;
      const v = value[key];
      const label = titleOf(child, key);
      if (isAddressSchema(child)) {
        // Units chosen from the list, or the free text typed before it: one line either way.
        const text = addressText(v);
        if (text) out.push({ kind: 'field', path, label, text });
        continue;
      }
      if (isObjectSchema(child)) {
        const children = visitObject(child, childUi, v, path, depth + 1);
        if (children.length) out.push({ kind: 'group', path, label, children });
        continue;
      }
      const items = isObject(child.items) ? resolveRef(child.items as JsonSchema, schema) : undefined;
      if (child.type === 'array' && items && isObjectSchema(items) && Array.isArray(v)) {
        const itemUi = uiOf(childUi, 'items');
        const rowTitle = typeof items.title === 'string' && items.title ? items.title : label;
        const rows = v
          .map((row, i): AnswerGroup => ({ kind: 'group', path: `${path}.${i}`, label: `${rowTitle} ${i + 1}`, children: visitObject(items, itemUi, row, `${path}.${i}`, depth + 1) }))
          .filter((r) => r.children.length > 0);
        if (rows.length) out.push({ kind: 'rows', path, label, rows });
        continue;
      }
      const text = child.type === 'array' && items ? scalarText(items, uiOf(childUi, 'items') ?? childUi, v, locale) : scalarText(child, childUi, v, locale);
      if (text) out.push({ kind: 'field', path, label, text });
    }
    return out;
  };
  return visitObject(resolveRef(schema, schema), uiSchema, answers, '', 0);
}

export interface AnswerLine {
  /** 0 for top-level fields and sections, 1 inside a section, … */
  depth: number;
  label: string;
  /** Absent for a heading line (a section, a repeatable section or one of its rows). */
  text?: string;
}

/** The tree as lines with indentation, for documents and plain text. */
export function answerLines(nodes: ReadonlyArray<AnswerNode>, depth = 0): AnswerLine[] {
  return nodes.flatMap((n): AnswerLine[] => {
    if (n.kind === 'field') return [{ depth, label: n.label, text: n.text }];
    if (n.kind === 'group') return [{ depth, label: n.label }, ...answerLines(n.children, depth + 1)];
    return [{ depth, label: n.label }, ...answerLines(n.rows, depth + 1)];
  });
}

/**
 * The position of a field path in the form, for sorting: one number per segment (the property's
 * place in its section, or the row index). Unknown names sort after known ones.
 */
export function formOrderKey(schema: JsonSchema, uiSchema: JsonSchema | undefined, path: string): number[] {
  const key: number[] = [];
  let node: JsonSchema | undefined = resolveRef(schema, schema);
  let ui: JsonSchema | undefined = uiSchema;
  for (const seg of path ? path.split('.') : []) {
    if (!node) {
      key.push(Number.MAX_SAFE_INTEGER);
      continue;
    }
    if (/^\d+$/.test(seg) && node.type === 'array') {
      key.push(Number(seg));
      node = isObject(node.items) ? resolveRef(node.items as JsonSchema, schema) : undefined;
      ui = uiOf(ui, 'items');
      continue;
    }
    const props = orderedProperties(node, schema, ui);
    const i = props.findIndex(([k]) => k === seg);
    key.push(i < 0 ? Number.MAX_SAFE_INTEGER : i);
    node = i < 0 ? undefined : resolveRef(props[i]![1], schema);
    ui = uiOf(ui, seg);
  }
  return key;
}

/** Compares two form order keys (a section comes before the fields inside it). */
export function compareFormOrder(a: ReadonlyArray<number>, b: ReadonlyArray<number>): number {
  for (let i = 0; i < Math.min(a.length, b.length); i++) if (a[i] !== b[i]) return a[i]! - b[i]!;
  return a.length - b.length;
}

/** Items with a `path`, sorted in form order (stable for equal paths). */
export function sortByFormOrder<T extends { path: string }>(schema: JsonSchema, uiSchema: JsonSchema | undefined, items: ReadonlyArray<T>): T[] {
  const keys = new Map<string, number[]>();
  const keyOf = (p: string) => {
    let k = keys.get(p);
    if (!k) keys.set(p, (k = formOrderKey(schema, uiSchema, p)));
    return k;
  };
  return items
    .map((item, i) => ({ item, i }))
    .sort((x, y) => compareFormOrder(keyOf(x.item.path), keyOf(y.item.path)) || x.i - y.i)
    .map((x) => x.item);
}
