/**
 * `npm run model -- --seeds 50 [--first 1] [--rounds 4] [--mode contacts|companies|both]`, or `-- --seed 17 --verbose` to
 * replay one: the model-based tests (test/model/contacts-model.ts, companies-model.ts: the customers sync's two
 * modes, issue 16; default both) with many seeds, through vitest (the harness
 * needs its database setup). Each seed prints a line; a failure prints its operations and replay command.
 */
import { spawnSync } from 'node:child_process';
import { parseArgs } from 'node:util';

const { values } = parseArgs({ options: { seeds: { type: 'string', default: '50' }, first: { type: 'string', default: '1' }, seed: { type: 'string' }, rounds: { type: 'string', default: '4' }, verbose: { type: 'boolean', default: false }, mode: { type: 'string', default: 'both' } } });
const MODEL_FILES: Record<string, string[]> = {
  contacts: ['test/model/contacts-model.test.ts'],
  companies: ['test/model/companies-model.test.ts'],
  both: ['test/model/contacts-model.test.ts', 'test/model/companies-model.test.ts'],
};
const files = MODEL_FILES[values.mode];
if (!files) {
  process.stderr.write(`Unknown --mode "${values.mode}": use contacts, companies or both.\n`);
  process.exit(2);
}
const env = {
  ...process.env,
  MODEL_FIRST: values.seed ?? values.first,
  MODEL_SEEDS: values.seed ? '1' : values.seeds,
  MODEL_ROUNDS: values.rounds,
  ...(values.verbose ? { MODEL_VERBOSE: '1' } : {}),
};
const result = spawnSync('npx', ['vitest', 'run', ...files], { stdio: 'inherit', env });
process.exit(result.status ?? 1);
