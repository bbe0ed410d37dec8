/** The service as `npm start` runs it (against the suite's own database): health, readiness, errors, metrics, shutdown. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startService, type RunningService } from '../../backend/src/service.ts';
import { createTestDatabase, type TestDatabase } from '../helpers/database.ts';
import { testEnv } from '../helpers/env.ts';
import { capturingLogger } from '../helpers/logs.ts';

describe('service (web + worker)', () => {
  let t: TestDatabase;
  let service: RunningService;
  const logs = capturingLogger('info');

  beforeAll(async () => {
    t = await createTestDatabase({ migrate: false });
    service = await startService('all', testEnv({ DATABASE_URL: t.url, WORKER_CONCURRENCY: '1' }), logs.logger);
  });
  afterAll(async () => {
    await service.stop();
    await t.drop();
  });

  it('applies migrations at start and answers /healthz and /readyz', async () => {
    expect(logs.output()).toContain('database migrations applied');
    const health = await fetch(`${service.url}/healthz`);
    expect(health.status).toBe(200);
    expect(await health.json()).toEqual({ status: 'ok' });
    const ready = await fetch(`${service.url}/readyz`);
    expect(await ready.json()).toEqual({ status: 'ready', database: true, queue: true });
  });

  it('answers unknown routes and bad JSON with the one error envelope', async () => {
    const missing = await fetch(`${service.url}/nope`);
    expect(missing.status).toBe(404);
    expect(await missing.json()).toEqual({ error: { code: 'not_found', message: 'No route for GET /nope.' } });
    const bad = await fetch(`${service.url}/healthz`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{oops' });
    expect(bad.status).toBe(400);
    expect(await bad.json()).toEqual({ error: { code: 'invalid_request', message: 'The request body is not valid JSON.' } });
  });

  it('exposes Prometheus metrics', async () => {
    const res = await fetch(`${service.url}/metrics`);
    const text = await res.text();
    expect(text).toContain('process_cpu_user_seconds_total');
    expect(text).toMatch(/http_request_duration_seconds_count\{method="GET",route="\/healthz",status="200"\} \d+/);
  });

  it('readiness fails with the envelope when the database is gone', async () => {
    const other = await createTestDatabase({ migrate: false });
    const svc = await startService('web', testEnv({ DATABASE_URL: other.url }), capturingLogger().logger).catch((e: unknown) => e);
    // web mode refuses an unmigrated database with a clear message rather than serving broken routes
    expect(String(svc)).toContain('pending migration');
    await other.drop();
  });
});
