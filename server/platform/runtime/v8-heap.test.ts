import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

const root = path.resolve(import.meta.dirname, '../../..');

/** Objects from two allocation sites kept alive across many young-generation collections: V8 tenures such sites. */
const WORKLOAD = `
const keep = [];
const make = (i) => ({ a: i, b: [i, i + 1] });
for (let r = 0; r < 60; r++) {
  for (let i = 0; i < 50000; i++) keep.push(make(i));
  if (keep.length > 200000) keep.splice(0, 50000);
}
`;

/** V8's pretenuring decisions to tenure a site, with its trace on, for the workload run after `preload`. */
function tenureDecisions(preload: string[]): string[] {
  const run = spawnSync(process.execPath, ['--trace-pretenuring-statistics', ...preload, '--input-type=module', '-e', WORKLOAD], { cwd: root, encoding: 'utf8', timeout: 60_000 });
  expect(run.status, run.stderr).toBe(0);
  return `${run.stdout}\n${run.stderr}`.split('\n').filter((line) => line.includes('=> tenure'));
}

describe('V8 heap flags of the app process (ADR 0027)', () => {
  it('without them V8 tenures the sites whose objects outlive collections (the trace sees it)', () => {
    expect(tenureDecisions([]).length).toBeGreaterThan(0);
  });

  it('with them, set at run time by the module, no site is tenured', () => {
    expect(tenureDecisions(['--import', 'tsx', '--import', './server/platform/runtime/v8-heap.ts'])).toEqual([]);
  });

  it('is the first module server/main.ts imports, so it is set before the app allocates', () => {
    const source = fs.readFileSync(path.join(root, 'server/main.ts'), 'utf8');
    const firstImport = source.split('\n').find((line) => line.startsWith('import '));
    expect(firstImport).toBe("import './platform/runtime/v8-heap.js';");
  });
});
