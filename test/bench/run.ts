// `npm run bench`: runs every benchmark script in this folder, one after another, each in its own process so
// peak-memory figures do not mix. Pass names to run a subset: `npm run bench -- scoring duplicates`.
import { spawnSync } from 'node:child_process'
import { readdirSync } from 'node:fs'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'

const here = dirname(fileURLToPath(import.meta.url))
const wanted = process.argv.slice(2)
const scripts = readdirSync(here)
  .filter((name) => name.endsWith('.bench.ts'))
  .filter((name) => wanted.length === 0 || wanted.some((w) => name.includes(w)))
  .sort()

let failed = 0
for (const script of scripts) {
  console.log(`\n=== ${script}`)
  const run = spawnSync(process.execPath, ['--import', 'tsx', '--expose-gc', join(here, script)], { stdio: 'inherit' })
  if (run.status !== 0) failed += 1
}
if (failed > 0) {
  console.error(`${failed} benchmark script(s) failed`)
  process.exit(1)
}
