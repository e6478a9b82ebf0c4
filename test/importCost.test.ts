import { spawnSync } from 'node:child_process'
import { readFileSync } from 'node:fs'
import { dirname, join, resolve } from 'node:path'
import { fileURLToPath } from 'node:url'
import { build } from 'tsup'
import { beforeAll, describe, expect, it } from 'vitest'

// "Nothing at import": every entry point of the package, bundled as it is published, is imported in a fresh Node
// process with the garbage collector exposed, and what stays allocated afterwards is measured. ArrayBuffers must
// stay under 1 MB (the duplicate memos used to allocate 38 MB of them at load); the JavaScript heap is held to a
// stated bound per entry: what the entry's code and its dependencies' data take (libphonenumber-js's metadata,
// 2.2 MB, is the bulk of the root's and of leadkit/duplicates'). leadkit/settings parses the admin's duplicate
// rules and phone region, and leadkit/qualification searches with them, so both load that metadata too.
const root = resolve(dirname(fileURLToPath(import.meta.url)), '..')
const out = join(root, 'node_modules', '.cache', 'leadkit-import-cost')
const exportsMap = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')).exports as Record<string, unknown>
const entries = Object.keys(exportsMap)
  .filter((key) => key !== './package.json')
  .map((key) => (key === '.' ? 'index' : `${key.slice(2)}/index`))

const MB = 1024 * 1024
// Entries that read duplicate rules check phone regions against libphonenumber-js's metadata (2.6 MB): leadkit/sql
// and leadkit/adapters/duckdb (rule JSON), leadkit/settings and leadkit/qualification (the admin's rules in settings),
// leadkit/persistence and leadkit/adapters/postgres (repositories key records by the duplicate rules by default).
const HEAP_BOUND: Readonly<Record<string, number>> = {
  index: 4 * MB,
  'duplicates/index': 3.5 * MB,
  'sql/index': 3 * MB,
  'adapters/duckdb/index': 3 * MB,
  'settings/index': 3.5 * MB,
  'qualification/index': 3.5 * MB,
  'persistence/index': 3.5 * MB,
  'adapters/postgres/index': 3.5 * MB,
}
const DEFAULT_HEAP_BOUND = 1.5 * MB

interface Cost {
  readonly arrayBuffers: number
  readonly heapUsed: number
}

function importCost(entry: string): Cost {
  const script = `gc(); const before = process.memoryUsage(); await import(${JSON.stringify(join(out, `${entry}.js`))}); gc(); gc();
const after = process.memoryUsage(); console.log(JSON.stringify({ arrayBuffers: after.arrayBuffers - before.arrayBuffers, heapUsed: after.heapUsed - before.heapUsed }))`
  const run = spawnSync(process.execPath, ['--expose-gc', '--input-type=module', '-e', script], { encoding: 'utf8', cwd: root })
  if (run.status !== 0) throw new Error(`importing ${entry} failed: ${run.stderr}`)
  return JSON.parse(run.stdout) as Cost
}

describe('importing leadkit allocates almost nothing', () => {
  beforeAll(async () => {
    const entry = Object.fromEntries(entries.map((name) => [name, join(root, 'src', name === 'index' ? 'index.ts' : `${name}.ts`)]))
    await build({ entry, format: ['esm'], outDir: out, silent: true, splitting: true, target: 'node20', dts: false, sourcemap: false, clean: true, config: false, external: ['pg', '@electric-sql/pglite', '@duckdb/node-api'], noExternal: ['date-fns'] })
  }, 60_000)

  it.each(entries)('%s: under 1 MB of ArrayBuffers and a stated heap', (entry) => {
    const cost = importCost(entry)
    console.log(`import ${entry}: ${cost.arrayBuffers} B of ArrayBuffers, ${(cost.heapUsed / MB).toFixed(2)} MB of heap`)
    expect(cost.arrayBuffers).toBeLessThan(1 * MB)
    expect(cost.heapUsed).toBeLessThan(HEAP_BOUND[entry] ?? DEFAULT_HEAP_BOUND)
  })
})
