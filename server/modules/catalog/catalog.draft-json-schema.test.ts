import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { draftJsonSchemas, draftJsonSchemaText } from './catalog.draft-json-schema.js';

type Node = { type?: string; properties?: Record<string, Node>; items?: Node; required?: string[]; enum?: unknown[]; anyOf?: Node[]; default?: unknown; minimum?: number; exclusiveMinimum?: number; pattern?: string };

describe('the JSON Schema of a catalogue draft', () => {
  it('is the checked-in file (npm run catalogue:schema rewrites it)', () => {
    const file = readFileSync(new URL('../../../common/catalogue/draft-schema.json', import.meta.url), 'utf8');
    expect(file).toBe(draftJsonSchemaText());
  });

  it('follows the exchange format without what the server gives', () => {
    const { procedure, version } = draftJsonSchemas() as { procedure: Node; version: Node };
    expect(Object.keys(procedure.properties!)).not.toContain('code');
    expect(Object.keys(procedure.properties!)).not.toContain('versions');
    expect(procedure.required).toEqual(expect.arrayContaining(['name', 'fieldCode', 'agencies', 'applicantTypes', 'implementationLevels', 'provenance']));
    expect(procedure.properties!.agencies!.items!.properties!.role!.enum).toEqual(['IMPLEMENTING', 'COMPETENT', 'DELEGATED', 'COORDINATING']);
    expect(Object.keys(version.properties!)).not.toContain('versionNo');
    const kase = version.properties!.cases!.items!;
    expect(kase.required).toEqual(expect.arrayContaining(['code', 'name', 'steps', 'channels', 'components', 'capabilities']));
    const channel = kase.properties!.channels!.items!;
    expect(channel.properties!.channel!.enum).toEqual(['ONLINE', 'IN_PERSON', 'POSTAL']);
    // Defaults of the exchange format are optional input.
    expect(channel.required).not.toContain('fees');
    const fee = channel.properties!.fees!.items!;
    expect(fee.properties!.amountVnd!.minimum).toBe(0);
    expect(fee.properties!.amountVnd!.type).toBe('integer');
    expect(channel.properties!.phases!.items!.properties!.amount!.exclusiveMinimum).toBe(0);
    const component = kase.properties!.components!.items!;
    expect(component.required).not.toContain('id');
    expect(component.properties!.templates!.items!.required).not.toContain('id');
    expect(component.properties!.filledByForm!.type).toBe('boolean');
    expect(kase.properties!.capabilities!.properties!.onlinePayment!.anyOf).toHaveLength(2);
    expect(version.properties!.validFrom!.pattern).toBeDefined();
  });
});
