// The DuckDB side of sqlDuplicates.bench.ts, in a process of its own so that its wall time, CPU time and peak
// memory are DuckDB's (plus Node's baseline, reported apart) and not the benchmark's, which generates the leads and
// runs the JS engine. Not a benchmark by itself (the name does not end in .bench.ts, so `npm run bench` skips it).
//
//   node --import tsx test/bench/sqlDuplicatesDuckdb.ts <leads.csv> <work dir> [memory_limit] [threads]
//
// Times CSV → groups file (dedupeWithDuckdb with groupsFile), with DuckDB's memory_limit and a temp_directory in the
// work dir so it may spill; then, untimed and after the peak memory is read, writes the pairs (id_l,id_r) to
// <work dir>/pairs.csv for the parent to score. Prints a DuckdbChildReport as the last line of stdout.
import { join } from 'node:path'
import { DuckDBInstance } from '@duckdb/node-api'
import { dedupeWithDuckdb } from '../../src/adapters/duckdb/dedupeWithDuckdb.js'
import type { DuckdbChildReport } from './sqlDuplicatesShared.js'
import { RULES_JSON } from './sqlDuplicatesShared.js'

const [csv, dir, memoryLimit = '1500MB', threadArg = '2'] = process.argv.slice(2)
if (csv === undefined || dir === undefined) {
  console.error('usage: sqlDuplicatesDuckdb.ts <leads.csv> <work dir> [memory_limit] [threads]')
  process.exit(2)
}
const threads = Number(threadArg)

const baselineRssKb = process.resourceUsage().maxRSS
const cpuBefore = process.cpuUsage()
const start = performance.now()
const instance = await DuckDBInstance.create(':memory:', {
  threads: String(threads),
  memory_limit: memoryLimit,
  temp_directory: join(dir, 'spill'),
  // Insertion order is not needed (the groups file is ordered by its own ORDER BY); keeping it costs memory.
  preserve_insertion_order: 'false',
})
const connection = await instance.connect()
const result = await dedupeWithDuckdb(connection, RULES_JSON, { source: { file: csv }, groupsFile: join(dir, 'groups.csv') })
const wallSeconds = (performance.now() - start) / 1000
const cpu = process.cpuUsage(cpuBefore)
const peakRssKb = process.resourceUsage().maxRSS

await connection.run(`COPY (SELECT id_l, id_r FROM ${result.tables.pairs}) TO '${join(dir, 'pairs.csv').replaceAll("'", "''")}' (FORMAT csv, HEADER false)`)
connection.closeSync()
instance.closeSync()

const report: DuckdbChildReport = {
  wallSeconds,
  cpuSeconds: (cpu.user + cpu.system) / 1e6,
  peakRssKb,
  baselineRssKb,
  records: result.records,
  pairs: result.pairs,
  clusters: result.clusters,
  iterations: result.iterations,
  memoryLimit,
  threads,
}
console.log(JSON.stringify(report))
