/**
 * The shared budget in Postgres: atomic under concurrency from separate pools (as separate processes
 * would be), windows that reset, blocks after a 429 that every process respects.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createDatabase, type Knex } from '../../../backend/src/db/knex.ts';
import { upsertInstallation } from '../../../backend/src/db/installations.ts';
import { blockRateBudget, getRateBudget, takeRateBudget } from '../../../backend/src/db/rate-budgets.ts';
import { acquireRateBudget, RateBudgetExhaustedError } from '../../../backend/src/vendors/rate-budget.ts';
import { TokenCipher } from '../../../backend/src/crypto/token-cipher.ts';
import { createTestDatabase, type TestDatabase } from '../../helpers/database.ts';
import { eventually } from '../../helpers/eventually.ts';

const A = 61_000_001;
const B = 61_000_002;
const cipher = new TokenCipher({ id: 'k1', key: Buffer.alloc(32, 7) });

describe('shared rate budget', () => {
  let t: TestDatabase;
  let other: Knex;
  beforeAll(async () => {
    t = await createTestDatabase();
    other = createDatabase({ connectionString: t.url, poolMax: 5 });
    for (const portalId of [A, B]) {
      await upsertInstallation(t.db, cipher, { portalId, scopes: [], tokens: { accessToken: 'a', refreshToken: 'r', expiresAt: new Date(Date.now() + 3_600_000) } });
    }
  });
  afterAll(async () => {
    await other.destroy();
    await t.drop();
  });

  it('never overspends: 60 concurrent takes from two pools, limit 17 → exactly 17 allowed', async () => {
    const take = (db: Knex) => takeRateBudget(db, { portalId: A, vendor: 'hubspot', bucket: 'atomic', limit: 17, windowMs: 60_000 });
    const decisions = await Promise.all(Array.from({ length: 60 }, (_, i) => take(i % 2 === 0 ? t.db : other)));
    expect(decisions.filter((d) => d.allowed)).toHaveLength(17);
    for (const d of decisions) if (!d.allowed) expect(d.waitMs).toBeGreaterThan(50_000);
    expect(await getRateBudget(t.db, { portalId: A, vendor: 'hubspot', bucket: 'atomic' })).toMatchObject({ used: 17, blockedUntil: null });
  });

  it('counts cost, and keeps accounts, vendors and buckets apart', async () => {
    const spec = { vendor: 'quickbooks' as const, bucket: 'cost', limit: 10, windowMs: 60_000 };
    expect(await takeRateBudget(t.db, { ...spec, portalId: A, cost: 7 })).toEqual({ allowed: true });
    expect((await takeRateBudget(t.db, { ...spec, portalId: A, cost: 4 })).allowed).toBe(false);
    expect(await takeRateBudget(t.db, { ...spec, portalId: A, cost: 3 })).toEqual({ allowed: true });
    expect(await takeRateBudget(t.db, { ...spec, portalId: B, cost: 10 })).toEqual({ allowed: true });
    expect(await takeRateBudget(t.db, { ...spec, vendor: 'hubspot', portalId: A, cost: 10 })).toEqual({ allowed: true });
    expect(await takeRateBudget(t.db, { ...spec, bucket: 'cost-2', portalId: A, cost: 10 })).toEqual({ allowed: true });
  });

  it('starts a new window once the old one has passed', async () => {
    const take = () => takeRateBudget(t.db, { portalId: A, vendor: 'hubspot', bucket: 'window', limit: 2, windowMs: 400 });
    expect((await take()).allowed).toBe(true);
    expect((await take()).allowed).toBe(true);
    const refused = await take();
    expect(refused.allowed).toBe(false);
    if (!refused.allowed) expect(refused.waitMs).toBeLessThanOrEqual(400);
    await eventually(async () => (await take()).allowed);
    expect(await getRateBudget(t.db, { portalId: A, vendor: 'hubspot', bucket: 'window' })).toMatchObject({ used: 1 });
  });

  it('a block (after a 429) stops every pool until it ends, even with budget left; it is never shortened', async () => {
    const key = { portalId: B, vendor: 'hubspot' as const, bucket: 'blocked' };
    const take = (db: Knex) => takeRateBudget(db, { ...key, limit: 100, windowMs: 60_000 });
    expect((await take(t.db)).allowed).toBe(true);
    await blockRateBudget(other, key, new Date(Date.now() + 1_500));
    await blockRateBudget(other, key, new Date(Date.now() + 100)); // a shorter block does not lift the longer one
    const refused = await take(t.db);
    expect(refused.allowed).toBe(false);
    if (!refused.allowed) expect(refused.waitMs).toBeGreaterThan(1_000);
    expect((await take(other)).allowed).toBe(false);
    await expect(acquireRateBudget(t.db, { ...key, spec: { bucket: key.bucket, limit: 100, windowMs: 60_000 }, maxWaitMs: 200 })).rejects.toBeInstanceOf(RateBudgetExhaustedError);
    // Waiting is allowed long enough: acquire returns once the block has passed.
    await acquireRateBudget(other, { ...key, spec: { bucket: key.bucket, limit: 100, windowMs: 60_000 }, maxWaitMs: 10_000 });
    expect((await getRateBudget(t.db, key))!.blockedUntil!.getTime()).toBeLessThanOrEqual(Date.now());
  });

  it('acquire from two pools paces concurrent callers to the limit per window', async () => {
    const spec = { bucket: 'paced', limit: 3, windowMs: 500 };
    const spentAt: number[] = [];
    await Promise.all(
      Array.from({ length: 9 }, async (_, i) => {
        await acquireRateBudget(i % 2 ? t.db : other, { portalId: A, vendor: 'quickbooks', spec, maxWaitMs: 20_000 });
        spentAt.push(Date.now());
      }),
    );
    expect(spentAt).toHaveLength(9);
    // Nine calls at three per window need at least three windows: the 4th and 7th waited for a new one.
    spentAt.sort((x, y) => x - y);
    expect(spentAt[3]! - spentAt[0]!).toBeGreaterThanOrEqual(400);
    expect(spentAt[6]! - spentAt[3]!).toBeGreaterThanOrEqual(400);
  });
});
