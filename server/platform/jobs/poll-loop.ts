/**
 * A loop that runs `pass` every `pollMs` after the previous pass ended (never two at once), for
 * workers that poll the database (event consumers, the national portal sync, webhooks, the
 * Single Window sender). A pass may go on for many rounds while a backlog lasts; it receives a
 * signal that `stop` aborts, and ends after the round in flight when it sees it, so that stopping
 * a node behind a large backlog takes one round, not the whole backlog (the node's shutdown has
 * one budget, SHUTDOWN_TIMEOUT_MS, for the HTTP server, these loops and the job workers).
 * `stop` waits for the pass in flight to end.
 */
export function pollLoop(pass: (signal: AbortSignal) => Promise<unknown>, onError: (err: unknown) => void) {
  let timer: NodeJS.Timeout | null = null;
  let running: Promise<unknown> | null = null;
  let controller = new AbortController();

  function start(pollMs: number) {
    if (timer) return;
    controller = new AbortController();
    const signal = controller.signal;
    const tick = async () => {
      running = pass(signal).catch(onError);
      await running;
      running = null;
      if (timer && !signal.aborted) timer = setTimeout(() => void tick(), pollMs);
    };
    timer = setTimeout(() => void tick(), pollMs);
  }

  async function stop() {
    if (timer) clearTimeout(timer);
    timer = null;
    controller.abort();
    await running;
  }

  return { start, stop };
}
