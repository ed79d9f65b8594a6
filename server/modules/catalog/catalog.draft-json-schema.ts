/**
 * The JSON Schema of a catalogue draft's two parts (`content.procedure`, `content.version`),
 * derived from the exchange file's zod schemas: what the catalogue editor's forms render
 * (ADR 0015, amendment "forms from the exchange schema"). The derived schema is checked in at
 * `common/catalogue/draft-schema.json` (the web reads it; a test keeps it equal to this);
 * `npm run catalogue:schema` rewrites it.
 *
 * It describes the input of the exchange format (defaults are optional), without what the server
 * gives: the procedure's `code` and `versions`, the version's `versionNo`, component and template
 * ids. Refinements (at most one component filled by the e-form, increasing fee tiers) are not
 * representable and stay the server's checks, reported as the draft's problems.
 */
import { z } from 'zod';
import { componentSchema, procedureSchema, templateFileSchema, versionSchema, caseSchema } from './catalog.import-schema.js';

export type DraftJsonSchema = Record<string, unknown>;

const options = { io: 'input', target: 'draft-2020-12', unrepresentable: 'any' } as const;

/** The draft's version part: the exchange version without `versionNo`; component and template ids optional (given at publishing). */
const draftVersionSchema = versionSchema.omit({ versionNo: true }).extend({
  cases: z.array(caseSchema.extend({
    components: z.array(componentSchema.extend({
      id: componentSchema.shape.id.optional(),
      templates: z.array(templateFileSchema.extend({ id: templateFileSchema.shape.id.optional() })).default([]),
    })).min(1),
  })).min(1),
});

/** The draft's procedure part: the exchange procedure without `code` and `versions`. */
const draftProcedureSchema = procedureSchema.omit({ code: true, versions: true });

/** Drops `$schema` of nested parts and keeps the keys in a stable order for the checked-in file. */
function strip(schema: DraftJsonSchema): DraftJsonSchema {
  const { $schema: _ignored, ...rest } = schema;
  return rest;
}

export function draftJsonSchemas(): { procedure: DraftJsonSchema; version: DraftJsonSchema } {
  return {
    procedure: strip(z.toJSONSchema(draftProcedureSchema, options) as DraftJsonSchema),
    version: strip(z.toJSONSchema(draftVersionSchema, options) as DraftJsonSchema),
  };
}

/** The checked-in file's text. */
export const draftJsonSchemaText = () => `${JSON.stringify(draftJsonSchemas(), null, 2)}\n`;
