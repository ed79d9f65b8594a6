import { describe, expect, it } from 'vitest';
import { takeTurn, turnsWaiting } from './turns.js';

/** Counts the event loop's turns: a callback queued again for each turn's check phase. */
function countTurns() {
  let turn = 0;
  let running = true;
  const tick = () => {
    turn++;
    if (running) setImmediate(tick);
  };
  setImmediate(tick);
  return { now: () => turn, stop: () => (running = false) };
}

describe('takeTurn', () => {
  it('gives the turns in the order they were asked for, one per turn of the event loop', async () => {
    const turns = countTurns();
    const seen: [string, number][] = [];
    const asked = ['a', 'b', 'c', 'd'].map((name) => takeTurn().then(() => seen.push([name, turns.now()])));
    expect(turnsWaiting()).toBe(4);
    await Promise.all(asked);
    turns.stop();
    expect(seen.map(([name]) => name)).toEqual(['a', 'b', 'c', 'd']);
    // Each continuation ran in a later turn of the loop than the one before it.
    for (let i = 1; i < seen.length; i++) expect(seen[i]![1]).toBeGreaterThan(seen[i - 1]![1]);
    expect(turnsWaiting()).toBe(0);
  });

  it('puts a caller who asks while others wait behind them, and starts again after the queue emptied', async () => {
    const order: string[] = [];
    const first = takeTurn().then(() => {
      order.push('first');
      // Asked during a turn: served after the ones already waiting.
      return takeTurn().then(() => order.push('late'));
    });
    const second = takeTurn().then(() => order.push('second'));
    await Promise.all([first, second]);
    expect(order).toEqual(['first', 'second', 'late']);
    expect(turnsWaiting()).toBe(0);
    await takeTurn();
    expect(turnsWaiting()).toBe(0);
  });

  it('keeps the order when the queue never empties for thousands of turns', async () => {
    const given: number[] = [];
    let asked = 0;
    const ask = (): Promise<void> => {
      const n = asked++;
      return takeTurn().then(() => {
        given.push(n);
        // Each turn asks for two more until 5,000 were asked: the queue stays long and busy.
        if (asked < 5000) return Promise.all([ask(), ask()]).then(() => undefined);
      });
    };
    await Promise.all([ask(), ask(), ask()]);
    expect(given).toHaveLength(asked);
    expect(given).toEqual([...given].sort((a, b) => a - b));
    expect(turnsWaiting()).toBe(0);
  });

  it('gives the others their turns when the work after one throws', async () => {
    const results = await Promise.allSettled([
      takeTurn().then(() => {
        throw new Error('work failed');
      }),
      takeTurn().then(() => 'served'),
    ]);
    expect(results[0]!.status).toBe('rejected');
    expect(results[1]).toEqual({ status: 'fulfilled', value: 'served' });
  });
});
