/**
 * V8's allocation-site pretenuring off for this process (ADR 0027). Imported first by
 * `server/main.ts`, so it is set before the app allocates anything; the serving processes
 * (WEB_CONCURRENCY) run main.ts too.
 *
 * Under load V8 sees a request's objects (response heads, headers, write buffers, the request
 * and reply) still alive at a young-generation collection, because twenty requests are in flight
 * at any moment, and starts allocating them straight in the old generation. Dead a few
 * milliseconds later, they stay there until the next full collection and keep every young object
 * they point to alive: each young-generation collection copies about 2.4 MB of such garbage and
 * pauses the process 6–8 ms instead of about 2, and the process spends more CPU per request (0.78
 * against 0.67 ms, medians of seven pairs on the national-scale search; ADR 0027). A server's
 * objects live for one request or for the process's life, so a guess from one collection is wrong
 * for nearly all of them.
 *
 * Set after start-up with `v8.setFlagsFromString`, it takes effect: V8 reads it at every
 * collection's pretenuring decision (v8-heap.test.ts checks it with V8's own trace of those
 * decisions).
 */
import v8 from 'node:v8';

v8.setFlagsFromString('--no-allocation-site-pretenuring');
