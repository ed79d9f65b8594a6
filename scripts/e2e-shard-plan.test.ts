import { describe, expect, it } from 'vitest';
import { durationsFromLogs, plan } from './e2e-shard-plan.js';

describe('sharing browser spec files out by time', () => {
  it('reads each file\'s test times from list-reporter output, retries included', () => {
    const log = [
      '  ✓    1 accessibility.spec.ts:19:5 › accessibility (axe, WCAG 2.1 A and AA) › home has no serious or critical violation (2.5s)',
      '  ✓    2 accessibility.spec.ts:19:5 › accessibility (axe, WCAG 2.1 A and AA) › results has no serious or critical violation (850ms)',
      '  ✘    3 form-builder.spec.ts:12:3 › builds a form (1.5m)',
      '  ✓    4 e2e/specs/form-builder.spec.ts:12:3 › builds a form (retry #1) (2.0m)',
      '--- browser tests, shard 1 of 2 ---',
      '  126 passed (31.1m)',
    ].join('\n');
    expect(durationsFromLogs(log)).toEqual({ 'accessibility.spec.ts': 3, 'form-builder.spec.ts': 210 });
  });

  it('gives the heaviest files first to the lightest shard and never splits a file', () => {
    const weights = new Map([
      ['a.spec.ts', 300],
      ['b.spec.ts', 200],
      ['c.spec.ts', 150],
      ['d.spec.ts', 100],
      ['e.spec.ts', 50],
    ]);
    const shards = plan(weights, 2);
    expect(shards).toEqual([
      ['a.spec.ts', 'd.spec.ts'],
      ['b.spec.ts', 'c.spec.ts', 'e.spec.ts'],
    ]);
    expect(shards.flat().sort()).toEqual([...weights.keys()].sort());
    const totals = shards.map((files) => files.reduce((s, f) => s + (weights.get(f) ?? 0), 0));
    expect(totals).toEqual([400, 400]);
  });
});
