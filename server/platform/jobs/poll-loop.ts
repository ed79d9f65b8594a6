/**
 * A loop that runs `pass` every `pollMs` after the previous pass ended (never two at once), for
 * workers that poll the database (event consumers, the national portal sync). `stop` waits for
 * the pass in flight.
 */
export function pollLoop(pass: () => Promise<unknown>, onError: (err: unknown) => void) {
  let timer: NodeJS.Timeout | null = null;
  let running: Promise<unknown> | null = null;

  function start(pollMs: number) {
    if (timer) return;
    const tick = async () => {
      running = pass().catch(onError);
      await running;
      running = null;
      if (timer) timer = setTimeout(() => void tick(), pollMs);
    };
    timer = setTimeout(() => void tick(), pollMs);
  }

  async function stop() {
    if (timer) clearTimeout(timer);
    timer = null;
    await running;
  }

  return { start, stop };
}
