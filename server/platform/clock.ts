/**
 * The time a module schedules by (retries, leases, outage probes). The composition root passes
 * the real clock in production (`buildApp` without a clock); a test passes its own and moves it
 * forward, so minutes of backoff or of a partner's outage take no real minutes.
 */
export type Clock = () => Date;

export const systemClock: Clock = () => new Date();
