/**
 * `npm run bench`: runs every `test/bench/*.bench.ts` (or the ones named on the command line) one
 * after another, each in its own process so one benchmark's warm-up cannot help another. Each
 * prints a Markdown section; BENCHMARKS.md holds the numbers last recorded on the CI machine size.
 */
import { execFileSync } from 'node:child_process';
import { readdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
const wanted = process.argv.slice(2);
const files = readdirSync(here)
  .filter((file) => file.endsWith('.bench.ts'))
  .filter((file) => wanted.length === 0 || wanted.some((name) => file.includes(name)))
  .sort();

for (const file of files) {
  console.log(`\n<!-- ${file} -->`);
  execFileSync('npx', ['tsx', join(here, file)], { stdio: 'inherit' });
}
