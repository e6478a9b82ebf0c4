// The default lead rules (two keyed rules, the phone one confirmed by name, and the two fuzzy name rules) compiled
// to DuckDB SQL and run on generated leads: wall time per statement and in all, and pairs, beside the JS engine.
// A probe, not a benchmark (`npm run bench` runs *.bench.ts only):
//
//   npx tsx test/bench/sqlFuzzyDuckdb.probe.ts [leads=100000] [threads=2] [--skewed]
//
// With --skewed the leads are issue 12's skewed suite (seed 20261123), and the JS side is also timed as issue 12
// compares it: index build + clusters(), beside DuckDB's pairs + groups.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { DuckDBInstance } from '@duckdb/node-api'
import { createDefaultLeadRules } from '../../src/duplicates/defaultLeadRules.js'
import { createDuplicateIndex } from '../../src/duplicates/createDuplicateIndex.js'
import { compileDuplicateRules } from '../../src/sql/compileDuplicateRules.js'
import { runDuplicateSql } from '../../src/sql/runDuplicateSql.js'
import { generateDuplicateLeads } from '../support/duplicatesGenerator.js'
import { generateSkewedLeads } from '../support/skewedLeads.js'

const positional = process.argv.slice(2).filter((arg) => !arg.startsWith('--'))
const skewed = process.argv.includes('--skewed')
const size = Number(positional[0] ?? 100_000)
const threads = positional[1] ?? '2'
const rules = createDefaultLeadRules({ defaultRegion: 'US' })
const columns = ['id', 'firstName', 'lastName', 'companyName', 'email', 'website', 'businessPhone', 'mobilePhone', 'state'] as const
const cell = (value: unknown): string => (typeof value === 'string' ? `"${value.replaceAll('"', '""')}"` : '')

const leads = skewed ? generateSkewedLeads({ count: size, seed: 20261123 }).leads : generateDuplicateLeads({ count: size, seed: 11 }).leads
const dir = mkdtempSync(join(tmpdir(), 'leadkit-fuzzy-'))
const csv = join(dir, 'leads.csv')
writeFileSync(csv, [columns.join(','), ...leads.map((lead) => columns.map((c) => cell((lead as unknown as Record<string, unknown>)[c])).join(','))].join('\n'))

const instance = await DuckDBInstance.create(':memory:', { threads, preserve_insertion_order: 'false' })
const connection = await instance.connect()
await connection.run(`CREATE TABLE leads AS SELECT * FROM read_csv('${csv}', all_varchar = true, header = true)`)
const compiled = compileDuplicateRules(rules, { dialect: 'duckdb', table: 'leads', columns: { state: 'state' } })
const start = performance.now()
const timed: [string, number][] = []
const summary = await runDuplicateSql(compiled, {
  run: async (sql) => {
    const t = performance.now()
    await connection.run(sql)
    timed.push([sql.split('\n')[0]?.slice(0, 70) ?? '', (performance.now() - t) / 1000])
  },
  count: async (sql) => Number((await connection.runAndReadAll(sql)).getRows()[0]?.[0] ?? 0),
})
const wall = (performance.now() - start) / 1000
for (const [head, s] of timed) if (s > 0.5) console.log(`${s.toFixed(1).padStart(7)} s  ${head}`)
const byRule = (await connection.runAndReadAll(`SELECT rule, count(*) FROM ${compiled.tables.pairs} GROUP BY rule ORDER BY rule`)).getRows()
const candidates = (await connection.runAndReadAll('SELECT count(*) FROM leadkit_candidates')).getRows()[0]?.[0]
const sqlPairs = new Set((await connection.runAndReadAll(`SELECT id_l, id_r FROM ${compiled.tables.pairs}`)).getRows().map(([a, b]) => `${String(a)}|${String(b)}`))
console.log(`DuckDB (threads ${threads}): ${size} leads, ${wall.toFixed(1)} s wall, ${summary.pairs} pairs, ${String(candidates)} candidate pairs compared`, byRule)
connection.closeSync()
instance.closeSync()
rmSync(dir, { recursive: true })

const groupsStart = performance.now()
const grouped = createDuplicateIndex(rules, { expectedRecords: size })
for (const lead of leads) grouped.add(lead)
const built = performance.now()
const groups = grouped.clusters()
console.log(
  `JS index build + clusters(): ${((built - groupsStart) / 1000).toFixed(1)} + ${((performance.now() - built) / 1000).toFixed(1)} s wall, ` +
    `${groups.length} groups, ${grouped.stats().comparisons} comparisons (${skewed ? 'skewed' : 'uniform'} leads)`,
)

// Filed in id order: ties in an oversized block's name orders then fall as the SQL breaks them (by id).
const jsStart = performance.now()
const index = createDuplicateIndex(rules)
for (const lead of [...leads].sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0))) index.add(lead)
let directed = 0
const pairs = new Set<string>()
for (const lead of leads) {
  for (const match of index.match(lead)) {
    directed += 1
    pairs.add(lead.id < match.record.id ? `${lead.id}|${match.record.id}` : `${match.record.id}|${lead.id}`)
  }
}
console.log(`JS index (maxBlockSize 32): ${((performance.now() - jsStart) / 1000).toFixed(1)} s, ${pairs.size} pairs (${directed} directed matches, ${index.stats().comparisons} comparisons)`)
const onlyJs = [...pairs].filter((pair) => !sqlPairs.has(pair))
const onlySql = [...sqlPairs].filter((pair) => !pairs.has(pair))
console.log(`pairs only in JS: ${onlyJs.length} ${onlyJs.slice(0, 10).join(' ')}; only in SQL: ${onlySql.length} ${onlySql.slice(0, 10).join(' ')}`)
