import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestContext } from '../../test/test-app.js';

const TOKEN = 'metrics-token-0123456789abcdef';

describe('/metrics', () => {
  let ctx: TestContext;
  beforeAll(async () => {
    ctx = await createTestApp({ DVCQG_BASE_URL: 'http://127.0.0.1:9' });
    await ctx.app.jobs.start();
  });
  afterAll(async () => {
    await ctx.app.jobs.stop();
    await ctx.close();
  });

  it('is scraped in the Prometheus text format with HTTP latency, pool, queue, consumer and sync figures', async () => {
    expect((await ctx.app.inject({ method: 'GET', url: '/healthz' })).statusCode).toBe(200);
    const missing = (await ctx.app.inject({ method: 'GET', url: '/api/v1/procedures/khong-co' })).statusCode;
    expect(missing).toBeGreaterThanOrEqual(400);
    const res = await ctx.app.inject({ method: 'GET', url: '/metrics' });
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toMatch(/^text\/plain; version=0\.0\.4/);
    const text = res.body;
    expect(text).toMatch(/opendvc_http_request_duration_seconds_bucket\{le="0\.005",method="GET",route="\/healthz",status="200"\} \d+/);
    expect(text).toMatch(new RegExp(String.raw`opendvc_http_request_duration_seconds_count\{method="GET",route="\/api\/v1\/procedures\/:code",status="${missing}"\} 1`));
    expect(text).toMatch(/^opendvc_db_up 1$/m);
    expect(text).toMatch(/^opendvc_db_connection_errors_total 0$/m);
    expect(text).toMatch(/^opendvc_job_queue_depth\{queue="mail\.send",state="created"\} \d+$/m);
    expect(text).toMatch(/^opendvc_job_queue_oldest_age_seconds\{queue="mail\.send"\} [\d.e+-]+$/m);
    expect(text).toMatch(/^opendvc_event_consumer_lag_events\{consumer="[^"]+"\} \d+$/m);
    expect(text).toMatch(/^opendvc_dvcqg_sync_lag_seconds [\d.e+-]+$/m);
    expect(text).toMatch(/^opendvc_process_cpu_seconds_total /m);
    if (ctx.database.engine === 'postgres') expect(text).toMatch(/^opendvc_db_pool_connections\{state="total"\} \d+$/m);
    expect(text).not.toMatch(/opendvc_metrics_scrape_errors_total\{/);
  });

  it('with METRICS_TOKEN: only the bearer of the token is served', async () => {
    const guarded = await createTestApp({ METRICS_TOKEN: TOKEN });
    try {
      const none = await guarded.app.inject({ method: 'GET', url: '/metrics' });
      expect(none.statusCode).toBe(401);
      expect(none.json().code).toBe('platform.metrics_forbidden');
      expect((await guarded.app.inject({ method: 'GET', url: '/metrics', headers: { authorization: 'Bearer wrong-token-0123456789abc' } })).statusCode).toBe(401);
      expect((await guarded.app.inject({ method: 'GET', url: '/metrics', headers: { authorization: `Bearer ${TOKEN}` } })).statusCode).toBe(200);
    } finally {
      await guarded.close();
    }
  });
});
