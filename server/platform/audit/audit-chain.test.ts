import { describe, expect, it } from 'vitest';
import { auditRowHash, canonicalJson, createChainVerifier, type StoredAuditRow } from './audit-chain.js';

describe('canonicalJson', () => {
  it('sorts keys at every level and keeps array order', () => {
    expect(canonicalJson({ b: 1, a: { d: [3, { z: 1, y: 2 }], c: null } })).toBe('{"a":{"c":null,"d":[3,{"y":2,"z":1}]},"b":1}');
  });
  it('gives what a JSON round trip (jsonb) gives back: Dates as ISO text, undefined members dropped', () => {
    const at = new Date('2026-03-02T02:00:00.123Z');
    expect(canonicalJson({ at, gone: undefined, list: [undefined] })).toBe('{"at":"2026-03-02T02:00:00.123Z","list":[null]}');
    expect(canonicalJson(undefined)).toBe('null');
  });
  it('keeps a __proto__ key as an ordinary member', () => {
    expect(canonicalJson(JSON.parse('{"__proto__":{"x":1},"a":2}'))).toBe('{"__proto__":{"x":1},"a":2}');
  });
  it('does not depend on the order keys were written in', () => {
    expect(canonicalJson({ x: 1, y: { p: 'á', q: 2 } })).toBe(canonicalJson({ y: { q: 2, p: 'á' }, x: 1 }));
  });
});

const content = (n: number, details: Record<string, unknown> = { n }) => ({
  id: `aud_${n}`, at: new Date(Date.UTC(2026, 2, 2, 1, 0, n, 5)), actorUserId: n % 2 ? 'usr_1' : null,
  action: 'TEST', subject: `dossier:dos_${n}`, ip: '127.0.0.1', outcome: 'SUCCESS', details,
});

/** A valid chain of `count` rows after `legacy` unchained ones. */
function chain(count: number, legacy = 0): StoredAuditRow[] {
  const rows: StoredAuditRow[] = [];
  for (let i = 0; i < legacy; i++) rows.push({ ...content(i), seq: i + 1, prevHash: null, hash: null });
  let prev: string | null = null;
  for (let i = legacy; i < legacy + count; i++) {
    const c = content(i);
    const hash = auditRowHash(prev, c);
    rows.push({ ...c, seq: i + 1, prevHash: prev, hash });
    prev = hash;
  }
  return rows;
}

function verify(rows: StoredAuditRow[]) {
  const v = createChainVerifier();
  for (const r of rows) if (!v.push(r)) break;
  return v.result();
}

describe('auditRowHash', () => {
  it('is a SHA-256 of the previous hash and the canonical content, stable across key order', () => {
    const a = auditRowHash(null, content(1, { b: 1, a: 2 }));
    expect(a).toMatch(/^[0-9a-f]{64}$/);
    expect(auditRowHash(null, content(1, { a: 2, b: 1 }))).toBe(a);
    expect(auditRowHash('x', content(1, { a: 2, b: 1 }))).not.toBe(a);
    expect(auditRowHash(null, { ...content(1, { a: 2, b: 1 }), at: new Date(content(1).at.getTime() + 1) })).not.toBe(a);
  });
});

describe('createChainVerifier', () => {
  it('accepts a valid chain and counts legacy rows before it apart', () => {
    expect(verify(chain(5))).toEqual({ ok: true, rows: 5, legacy: 0 });
    expect(verify(chain(3, 2))).toEqual({ ok: true, rows: 3, legacy: 2 });
    expect(verify([])).toEqual({ ok: true, rows: 0, legacy: 0 });
  });
  it('accepts gaps in seq (rolled-back transactions)', () => {
    const rows = chain(3).map((r, i) => ({ ...r, seq: r.seq * 10 + i }));
    expect(verify(rows).ok).toBe(true);
  });
  it('names an edited row', () => {
    const rows = chain(5);
    rows[2] = { ...rows[2]!, details: { n: 99 } };
    expect(verify(rows)).toEqual({ ok: false, rows: 2, legacy: 0, firstBroken: { seq: 3, id: 'aud_2', reason: 'hash_mismatch' } });
  });
  it('names the row after a removed one', () => {
    const rows = chain(5);
    rows.splice(2, 1);
    expect(verify(rows)).toMatchObject({ ok: false, firstBroken: { seq: 4, id: 'aud_3', reason: 'prev_hash_mismatch' } });
  });
  it('names the row after an edited one whose hash was recomputed', () => {
    const rows = chain(4);
    const edited = { ...rows[1]!, details: { n: 42 } };
    rows[1] = { ...edited, hash: auditRowHash(edited.prevHash, edited) };
    expect(verify(rows)).toMatchObject({ ok: false, firstBroken: { seq: 3, reason: 'prev_hash_mismatch' } });
  });
  it('notices the first chained row removed (the new first claims a predecessor)', () => {
    const rows = chain(3, 1);
    rows.splice(1, 1);
    expect(verify(rows)).toMatchObject({ ok: false, firstBroken: { id: 'aud_2', reason: 'prev_hash_mismatch' } });
  });
  it('names an unchained row inside the chain', () => {
    const rows = chain(3);
    rows.splice(2, 0, { ...content(7), seq: 3, prevHash: null, hash: null });
    expect(verify(rows)).toMatchObject({ ok: false, rows: 2, firstBroken: { id: 'aud_7', reason: 'gap' } });
  });
});
