/**
 * The model-based convergence test of companies mode (test/model/companies-model.ts): two fast seeds in
 * `npm test`; `npm run model -- --mode companies --seeds 50` runs many (MODEL_SEEDS, MODEL_FIRST,
 * MODEL_ROUNDS, MODEL_VERBOSE). Every seed's line is printed, so a failure replays.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startAppHarness, type AppHarness } from '../helpers/app-harness.ts';
import { runCompaniesModel } from './companies-model.ts';

const many = process.env.MODEL_SEEDS !== undefined;
const first = Number(process.env.MODEL_FIRST ?? 1);
const count = many ? Number(process.env.MODEL_SEEDS) : 2;
const rounds = Number(process.env.MODEL_ROUNDS ?? 3);
const seeds = Array.from({ length: count }, (_, i) => first + i);
const winnerOf = (seed: number) => (seed % 2 === 0 ? 'quickbooks' : 'hubspot');

describe('companies mode of the customers sync, model-based (issue 16)', () => {
  let h: AppHarness;
  beforeAll(async () => {
    h = await startAppHarness({}, { mode: 'web', webhooks: false });
  });
  afterAll(async () => h.close());

  for (const seed of seeds) {
    it(`seed ${seed}, winner ${winnerOf(seed)}: ${rounds} rounds of changes on both sides with faults converge to the model, idle catch-ups write nothing`, async () => {
      const started = Date.now();
      const result = await runCompaniesModel(h, { seed, rounds, winner: winnerOf(seed), portalId: 63_600_000 + seed, realmId: String(8_360_000 + seed), log: process.env.MODEL_VERBOSE ? console.log : undefined });
      console.log(`companies model seed ${seed} (winner ${winnerOf(seed)}): ${result.operations} operations on ${result.pairs} pairs, ${result.catchUps} catch-ups, converged in ${Date.now() - started} ms`);
      expect(result.pairs).toBeGreaterThanOrEqual(4);
    }, 40_000 * rounds);
  }
});
