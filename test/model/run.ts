/**
 * `npm run model -- --seeds 50 [--first 1] [--rounds 4]`, or `-- --seed 17 --verbose` to replay one:
 * the model-based test (test/model/contacts-model.ts) with many seeds, through vitest (the harness
 * needs its database setup). Each seed prints a line; a failure prints its operations and replay command.
 */
import { spawnSync } from 'node:child_process';
import { parseArgs } from 'node:util';

const { values } = parseArgs({ options: { seeds: { type: 'string', default: '50' }, first: { type: 'string', default: '1' }, seed: { type: 'string' }, rounds: { type: 'string', default: '4' }, verbose: { type: 'boolean', default: false } } });
const env = {
  ...process.env,
  MODEL_FIRST: values.seed ?? values.first,
  MODEL_SEEDS: values.seed ? '1' : values.seeds,
  MODEL_ROUNDS: values.rounds,
  ...(values.verbose ? { MODEL_VERBOSE: '1' } : {}),
};
const result = spawnSync('npx', ['vitest', 'run', 'test/model/contacts-model.test.ts'], { stdio: 'inherit', env });
process.exit(result.status ?? 1);
