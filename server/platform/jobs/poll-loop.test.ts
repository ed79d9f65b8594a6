import { describe, expect, it } from 'vitest';
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
    await sleep(60);
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
    loop.start(1);
    await sleep(50);
    await loop.stop();
    const first = passes;
    expect(first).toBeGreaterThan(1);
    loop.start(1);
    await sleep(30);
    await loop.stop();
    expect(passes).toBeGreaterThan(first);
    expect(overlapped).toBe(false);
  });
});
