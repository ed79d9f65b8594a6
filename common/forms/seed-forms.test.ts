import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { walkProperties, type JsonSchema } from './schema-walk.js';

const dir = path.resolve(import.meta.dirname, '../../seed/forms');
const forms = fs.readdirSync(dir).filter((f) => f.endsWith('.json'));

/** Every property of a schema, nested and in repeatable sections, as [path, title]. */
function titles(node: JsonSchema, root: JsonSchema, prefix = '', depth = 0): Array<[string, string]> {
  if (depth > 12) return [];
  return walkProperties(node, root, { conditional: true }).flatMap(([key, child]) => {
    const p = prefix ? `${prefix}.${key}` : key;
    const items = child.items && typeof child.items === 'object' ? (child.items as JsonSchema) : undefined;
    return [[p, String(child.title ?? '')] as [string, string], ...titles(child, root, p, depth + 1), ...(items ? titles(items, root, `${p}[]`, depth + 1) : [])];
  });
}

describe('seeded e-forms ask for no declaration (one declaration, on the review step)', () => {
  it.each(forms)('%s', (file) => {
    const form = JSON.parse(fs.readFileSync(path.join(dir, file), 'utf8')) as { cases: Array<{ caseCode: string; schema: JsonSchema; uiSchema?: JsonSchema }> };
    for (const c of form.cases) {
      const declarations = titles(c.schema, c.schema).filter(([p, t]) => /^commitment\b|^declaration/.test(p) || /^tôi (cam đoan|cam kết)/i.test(t));
      expect(declarations, `${file} ${c.caseCode}`).toEqual([]);
      expect(JSON.stringify(c.uiSchema ?? {})).not.toContain('commitment');
    }
  });
});
