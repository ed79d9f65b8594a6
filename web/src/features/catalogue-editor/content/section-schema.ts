/**
 * The catalogue editor's forms: one JSON Schema + uiSchema per section of the draft page, taken
 * from the draft's JSON Schema (`common/catalogue/draft-schema.json`, derived from the exchange
 * file's zod schemas) with the page's titles (Vietnamese or English), enum values as titled
 * choices, and the server's problems (`version.cases[0].channels[1].fees`) placed on their fields.
 */
import draftSchemas from '../../../../../common/catalogue/draft-schema.json';

export type Rec = Record<string, unknown>;
export type SchemaNode = Rec;
export type Part = 'procedure' | 'version';

/** Texts of the forms: field titles by `context.key` (context = the enclosing property) or `key`, row nouns by array key, choices by value. */
export interface SchemaTexts {
  titles: Record<string, string>;
  rows: Record<string, string>;
  choices: Record<string, string>;
  yes: string;
  no: string;
  datePlaceholder: string;
}

/** Fields the page does not show in the forms: ids the server gives, and the e-form component chosen by its own control. */
export const HIDDEN_KEYS = new Set(['components.id', 'templates.id', 'components.filledByForm']);
/** Free text fields shown as multi-line. */
const LONG_TEXT = new Set(['description', 'note']);

const isRec = (v: unknown): v is Rec => typeof v === 'object' && v !== null && !Array.isArray(v);

export const draftSchemaOf = (part: Part): SchemaNode => (draftSchemas as Record<Part, SchemaNode>)[part];

function titleOf(key: string, context: string, texts: SchemaTexts) {
  return texts.titles[`${context}.${key}`] ?? texts.titles[key] ?? key;
}

function choice(value: unknown, key: string, texts: SchemaTexts) {
  if (value === true) return texts.yes;
  if (value === false) return texts.no;
  return texts.choices[`${key}.${String(value)}`] ?? texts.choices[String(value)] ?? String(value);
}

/** `anyOf: [{type: boolean}, {const: 'NO_FEE'}]` and enums become titled constants (a select). */
function choicesOf(node: SchemaNode, key: string, texts: SchemaTexts): Rec[] | undefined {
  if (Array.isArray(node.enum)) return node.enum.map((v) => ({ const: v, title: choice(v, key, texts) }));
  if (Array.isArray(node.anyOf) && node.anyOf.every((a) => isRec(a) && (a.type === 'boolean' || 'const' in a))) {
    return (node.anyOf as Rec[]).flatMap((a) => (a.type === 'boolean' ? [true, false] : [a.const])).map((v) => ({ const: v, title: choice(v, key, texts) }));
  }
  return undefined;
}

/** The node with titles and titled choices; `key` is its property, `context` the enclosing one. */
export function localize(node: SchemaNode, key: string, context: string, texts: SchemaTexts): SchemaNode {
  const out: Rec = { ...node };
  const ctx = key || context;
  if (key) out.title = titleOf(key, context, texts);
  const choices = choicesOf(node, ctx, texts);
  if (choices) {
    delete out.enum;
    delete out.anyOf;
    // The renderer needs a type to pick its field; a select keeps each choice's own value (true, false, 'NO_FEE').
    if (!Array.isArray(node.enum)) out.type = 'string';
    out.oneOf = choices;
  }
  if (isRec(node.properties)) {
    out.properties = Object.fromEntries(Object.entries(node.properties).map(([k, v]) => [k, localize(v as SchemaNode, k, ctx, texts)]));
  }
  if (isRec(node.items)) {
    const items = localize(node.items, '', ctx, texts);
    const noun = key ? texts.rows[key] : undefined;
    if (noun) items.title = noun;
    out.items = items;
    // A list of choices is a set of checkboxes.
    if (Array.isArray(items.oneOf)) out.uniqueItems = true;
  }
  return out;
}

/** The uiSchema of a localized node: hidden ids, checkboxes for sets, multi-line text, empty text kept as '' for required strings (so the message says it is empty). */
export function uiOf(node: SchemaNode, key: string, context: string, required: boolean, texts: SchemaTexts): Rec {
  const ui: Rec = {};
  const ctx = key || context;
  if (HIDDEN_KEYS.has(`${context}.${key}`)) return { 'ui:widget': 'hidden' };
  if (node.type === 'string' && !Array.isArray(node.oneOf)) {
    if (required) ui['ui:emptyValue'] = '';
    if (LONG_TEXT.has(key)) ui['ui:widget'] = 'textarea';
    if (typeof node.pattern === 'string' && node.pattern.includes('\\d{4}-\\d{2}-\\d{2}')) ui['ui:placeholder'] = texts.datePlaceholder;
  }
  if (isRec(node.properties)) {
    const req = new Set(Array.isArray(node.required) ? (node.required as string[]) : []);
    for (const [k, v] of Object.entries(node.properties)) {
      const child = uiOf(v as SchemaNode, k, ctx, req.has(k), texts);
      if (Object.keys(child).length) ui[k] = child;
    }
  }
  if (isRec(node.items)) {
    if (node.uniqueItems === true) {
      // One under the other: long choices (file types, delivery) side by side overflow a phone.
      ui['ui:widget'] = 'checkboxes';
    } else {
      const item = uiOf(node.items, '', ctx, true, texts);
      if (Object.keys(item).length) ui.items = item;
      ui['ui:options'] = { orderable: true };
    }
  }
  return ui;
}

/** The form of one section: the named members of the draft's part, titled. */
export function sectionSchema(part: Part, members: readonly string[], texts: SchemaTexts): { schema: SchemaNode; uiSchema: Rec } {
  const full = draftSchemaOf(part);
  const properties = (full.properties ?? {}) as Record<string, SchemaNode>;
  const required = Array.isArray(full.required) ? (full.required as string[]) : [];
  const root: SchemaNode = {
    type: 'object',
    properties: Object.fromEntries(members.filter((k) => properties[k]).map((k) => [k, properties[k]!])),
    required: required.filter((k) => members.includes(k)),
  };
  const schema = localize(root, '', '', texts);
  const uiSchema = { ...uiOf(schema, '', '', true, texts), 'ui:submitButtonOptions': { norender: true } };
  return { schema, uiSchema };
}

// ---------------------------------------------------------------------------------------------
// The server's problems on the fields

export type Problem = { path: string; message: string };

/** `version.cases[0].channels.1.fees` → ['version', 'cases', '0', 'channels', '1', 'fees']. */
export function pathSegments(path: string): string[] {
  return path.replace(/\[(\d+)\]/g, '.$1').split('.').filter(Boolean);
}

/** Whether the path names a field the section's form shows (through properties and array items, not a hidden one). */
export function isShown(schema: SchemaNode, segments: readonly string[]): boolean {
  let node: SchemaNode | undefined = schema;
  let key = '';
  for (const s of segments) {
    if (!node) return false;
    if (/^\d+$/.test(s)) {
      node = isRec(node.items) ? node.items : undefined;
      continue;
    }
    const props: Rec | undefined = isRec(node.properties) ? node.properties : undefined;
    const context = key;
    key = s;
    node = props && isRec(props[s]) ? (props[s] as SchemaNode) : undefined;
    if (HIDDEN_KEYS.has(`${context}.${key}`)) return false;
  }
  return node !== undefined;
}

/**
 * The section's problems as an RJSF error schema (`{cases: {0: {name: {__errors: […]}}}}`), and
 * those that have no shown field (listed under the section instead).
 */
export function sectionErrors(problems: readonly Problem[], part: Part, members: readonly string[], schema: SchemaNode): { errorSchema: Rec; unplaced: Problem[]; count: number } {
  const errorSchema: Rec = {};
  const unplaced: Problem[] = [];
  let count = 0;
  for (const p of problems) {
    const [head, member, ...rest] = pathSegments(p.path);
    if (head !== part || !member || !members.includes(member)) continue;
    count += 1;
    const segments = [member, ...rest];
    if (!isShown(schema, segments)) {
      unplaced.push(p);
      continue;
    }
    let node = errorSchema;
    for (const s of segments) {
      if (!isRec(node[s])) node[s] = {};
      node = node[s] as Rec;
    }
    node.__errors = [...(Array.isArray(node.__errors) ? (node.__errors as string[]) : []), p.message];
  }
  return { errorSchema, unplaced, count };
}
