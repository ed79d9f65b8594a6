/**
 * Turns for CPU-bound work, one per turn of the event loop, in the order asked (ADR 0001, "Turns").
 *
 * Node reads every socket that is ready in one pass of its event loop and runs what each request
 * asks before it looks at the sockets again. A request that arrives just after that look waits for
 * the whole pass, then for its place in the next one, so under load some requests wait twice as
 * long as the others (a server spending a fixed 0.85 ms on each request of 20 keep-alive clients:
 * median 17 ms, p95 30–33 ms; `npx tsx bench/turns.ts`). A request that takes a turn before its
 * CPU-bound part waits only for the requests that arrived before it: between two turns the loop
 * looks at the sockets again, and the requests found there queue behind the ones already waiting.
 */
const waiting: (() => void)[] = [];
/** The next caller's place in `waiting`; the places before it are given (dropped in bulk). */
let head = 0;
let scheduled = false;
/** Given places dropped from the front once there are this many and they are half the array. */
const COMPACT_AT = 1024;

function giveTurn() {
  const next = waiting[head]!;
  head++;
  if (head === waiting.length) {
    waiting.length = 0;
    head = 0;
    scheduled = false;
  } else {
    // A queue that never empties under steady load does not keep what it gave.
    if (head >= COMPACT_AT && head * 2 >= waiting.length) {
      waiting.splice(0, head);
      head = 0;
    }
    setImmediate(giveTurn);
  }
  next();
}

/**
 * Resolves when the caller's turn comes: the callers' continuations run one per turn of the event
 * loop, first asked first served. The work after it should not wait for I/O before it is done
 * (a turn is given, not held).
 */
export function takeTurn(): Promise<void> {
  return new Promise<void>((resolve) => {
    waiting.push(resolve);
    if (!scheduled) {
      scheduled = true;
      setImmediate(giveTurn);
    }
  });
}

/** How many callers wait for their turn (tests). */
export function turnsWaiting(): number {
  return waiting.length - head;
}
