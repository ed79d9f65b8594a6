/** Walking form schemas (JSON Schema 2020-12 subset used by forms). Pure. */

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type JsonSchema = Record<string, any>;

const isObject = (v: unknown): v is JsonSchema => typeof v === 'object' && v !== null && !Array.isArray(v);

/** Follows a local `$ref` (`#/$defs/name`, `#/definitions/name`); other nodes are returned as is. */
export function resolveRef(node: JsonSchema, root: JsonSchema): JsonSchema {
  let current = node;
  for (let depth = 0; depth < 20 && typeof current.$ref === 'string'; depth++) {
    const ref: string = current.$ref;
    if (!ref.startsWith('#/')) return current;
    let target: unknown = root;
    for (const raw of ref.slice(2).split('/')) {
      const key = decodeURIComponent(raw).replace(/~1/g, '/').replace(/~0/g, '~');
      target = isObject(target) ? target[key] : undefined;
    }
    if (!isObject(target)) return current;
    const { $ref: _ignored, ...rest } = current;
    current = { ...target, ...rest };
  }
  return current;
}

/**
 * The properties an object schema declares: `properties`, then those in `allOf` members, and with
 * `conditional` also those in `if`/`then`/`else` and `dependentSchemas` branches (first wins).
 */
export function walkProperties(node: JsonSchema, root: JsonSchema, options: { conditional?: boolean } = {}): Array<[string, JsonSchema]> {
  const found = new Map<string, JsonSchema>();
  const visit = (n: unknown, depth: number) => {
    if (!isObject(n) || depth > 10) return;
    const s = resolveRef(n, root);
    if (isObject(s.properties)) {
      for (const [k, v] of Object.entries(s.properties)) if (isObject(v) && !found.has(k)) found.set(k, resolveRef(v, root));
    }
    if (Array.isArray(s.allOf)) for (const m of s.allOf) visit(m, depth + 1);
    if (options.conditional) {
      visit(s.then, depth + 1);
      visit(s.else, depth + 1);
      if (isObject(s.dependentSchemas)) for (const m of Object.values(s.dependentSchemas)) visit(m, depth + 1);
    }
  };
  visit(node, 0);
  return [...found.entries()];
}

/** The schema of the value at `segments` (property names and array indices), or undefined. */
export function schemaAt(root: JsonSchema, segments: ReadonlyArray<string | number>): JsonSchema | undefined {
  let node: JsonSchema | undefined = resolveRef(root, root);
  for (const seg of segments) {
    if (!node) return undefined;
    if (typeof seg === 'number' || /^\d+$/.test(seg)) {
      const index = Number(seg);
      const prefix: unknown = node.prefixItems;
      const item: unknown = Array.isArray(prefix) && index < prefix.length ? prefix[index] : node.items;
      node = isObject(item) ? resolveRef(item, root) : undefined;
    } else {
      node = walkProperties(node, root, { conditional: true }).find(([k]) => k === seg)?.[1];
    }
  }
  return node;
}

/** `/applicant/fullName` → ['applicant', 'fullName'] (JSON pointer unescaping). */
export function pointerToSegments(pointer: string): string[] {
  if (!pointer) return [];
  return pointer
    .replace(/^\//, '')
    .split('/')
    .map((s) => s.replace(/~1/g, '/').replace(/~0/g, '~'));
}

/** ['applicant', 'fullName'] → 'applicant.fullName'; ['items', 0, 'code'] → 'items.0.code'. */
export const segmentsToPath = (segments: ReadonlyArray<string | number>) => segments.map(String).join('.');
