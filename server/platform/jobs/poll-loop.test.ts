import { describe, expect, it } from 'vitest';
import { waitFor } from '../../test/wait-for.js';
import { pollLoop } from './poll-loop.js';

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

describe('pollLoop', () => {
  it('ends a pass that drains a long backlog after the round in flight when stopped', async () => {
    let rounds = 0;
    let passes = 0;
    // A pass that would go on for 1,000 rounds of 5 ms (5 s) unless told to stop.
    const loop = pollLoop(async (signal) => {
      passes += 1;
      for (let i = 0; i < 1000 && !signal.aborted; i++) {
        await sleep(5);
        rounds += 1;
      }
    }, (err) => { throw err; });
    loop.start(1);
    // Some rounds in (waited for, not timed: on a busy machine 60 ms may hold none).
    await waitFor(() => rounds >= 3, { timeoutMs: 5000, intervalMs: 5, what: 'three rounds' });
    const stopping = Date.now();
    await loop.stop();
    const stoppedIn = Date.now() - stopping;
    const roundsAtStop = rounds;
    expect(passes).toBe(1);
    expect(roundsAtStop).toBeGreaterThan(0);
    expect(roundsAtStop).toBeLessThan(1000);
    expect(stoppedIn).toBeLessThan(1000);
    // Nothing runs after stop.
    await sleep(30);
    expect(rounds).toBe(roundsAtStop);
    expect(passes).toBe(1);
  });

  it('runs passes one after another and can start again after a stop', async () => {
    let passes = 0;
    let running = 0;
    let overlapped = false;
    const loop = pollLoop(async () => {
      running += 1;
      if (running > 1) overlapped = true;
      passes += 1;
      await sleep(3);
      running -= 1;
    }, (err) => { throw err; });
    // Passes are waited for, not timed: on a busy machine 50 ms may hold only one.
    loop.start(1);
    await waitFor(() => passes >= 3, { timeoutMs: 5000, intervalMs: 2, what: 'three passes' });
    await loop.stop();
    const first = passes;
    // None starts after stop.
    await sleep(20);
    expect(passes).toBe(first);
    loop.start(1);
    await waitFor(() => passes > first + 1, { timeoutMs: 5000, intervalMs: 2, what: 'passes after the restart' });
    await loop.stop();
    expect(overlapped).toBe(false);
  });
});
