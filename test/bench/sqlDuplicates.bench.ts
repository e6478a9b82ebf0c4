// The compilable duplicate rules (matchcode and keyed) side by side on the same generated leads: the JS engine
// (createDuplicateIndex), the rules compiled to DuckDB SQL and run on a CSV file (dedupeWithDuckdb), and the rules
// compiled to PostgreSQL SQL and run on PGlite. Wall time, peak memory of the process (cumulative: DuckDB runs
// first, then PGlite, then JS), pairs, differences from the JS engine's pairs, and precision/recall against the
// generator's truth.
//
//   npx tsx test/bench/sqlDuplicates.bench.ts            # 50,000 leads (PGlite up to 50,000)
//   npx tsx test/bench/sqlDuplicates.bench.ts 1000000    # DuckDB and JS only above 50,000
import { mkdtempSync, rmSync, statSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { DuckDBInstance } from '@duckdb/node-api'
import { PGlite } from '@electric-sql/pglite'
import { dedupeWithDuckdb } from '../../src/adapters/duckdb/dedupeWithDuckdb.js'
import { createDuplicateIndex } from '../../src/duplicates/createDuplicateIndex.js'
import { parseDuplicateRules } from '../../src/duplicates/parseDuplicateRule.js'
import { compileDuplicateRules } from '../../src/sql/compileDuplicateRules.js'
import { runDuplicateSql } from '../../src/sql/runDuplicateSql.js'
import { generateDuplicateLeads, pairKey } from '../support/duplicatesGenerator.js'

const size = Number(process.argv[2] ?? process.env.SQL_BENCH_SIZE ?? 50_000)
const PG_LIMIT = 50_000
const RULES = parseDuplicateRules([
  {
    kind: 'keyed', name: 'Leads with the same email address', baseEntity: 'lead', matchingEntity: 'lead', baseFields: ['email'],
    normalizer: 'email', maxSharedBy: 10, excludeInactiveMatchingRecords: true,
  },
  {
    kind: 'keyed', name: 'Leads with the same website', baseEntity: 'lead', matchingEntity: 'lead', baseFields: ['website'],
    normalizer: 'website', maxSharedBy: 10, excludeInactiveMatchingRecords: true,
  },
  {
    kind: 'matchcode', name: 'Same surname, initial and company', baseEntity: 'lead', matchingEntity: 'lead',
    excludeInactiveMatchingRecords: true,
    conditions: [
      { baseField: 'lastName', operator: 'exact' },
      { baseField: 'firstName', operator: 'same-first-characters', characters: 1 },
      { baseField: 'companyName', operator: 'exact' },
    ],
  },
])
const COLUMNS = ['id', 'firstName', 'lastName', 'email', 'website', 'companyName', 'state'] as const

const mb = (kb: number): string => `${(kb / 1024).toFixed(0)} MB`
const peak = (): string => mb(process.resourceUsage().maxRSS)
const seconds = (start: number): string => `${((performance.now() - start) / 1000).toFixed(1)} s`
const csvCell = (value: string | undefined): string =>
  value === undefined ? '' : /[",\n\r]/.test(value) || value !== value.trim() ? `"${value.replaceAll('"', '""')}"` : value

const generated = generateDuplicateLeads({ count: size, seed: 11 })
const leads = generated.leads
const indexOf = new Map(leads.map((lead, i) => [lead.id, i]))
const truth = generated.truePairs
console.log(`${size.toLocaleString()} generated leads, ${truth.size.toLocaleString()} true pairs; rules: ${RULES.map((r) => r.name).join('; ')}`)

function report(engine: string, pairs: Set<number>, reference: Set<number> | undefined, time: string): void {
  let tp = 0
  for (const pair of pairs) if (truth.has(pair)) tp += 1
  const onlyHere = reference === undefined ? 0 : [...pairs].filter((p) => !reference.has(p)).length
  const onlyJs = reference === undefined ? 0 : [...reference].filter((p) => !pairs.has(p)).length
  console.log(
    `${engine.padEnd(26)} ${time.padStart(8)}  peak RSS ${peak().padStart(7)}  pairs ${pairs.size.toLocaleString().padStart(9)}` +
      `  precision ${(tp / Math.max(1, pairs.size)).toFixed(3)}  recall ${(tp / Math.max(1, truth.size)).toFixed(3)}` +
      (reference === undefined ? '' : `  vs JS: +${onlyHere} / -${onlyJs}`),
  )
}

const dir = mkdtempSync(join(tmpdir(), 'leadkit-sql-bench-'))
try {
  const csv = join(dir, 'leads.csv')
  writeFileSync(csv, [COLUMNS.join(','), ...leads.map((lead) => COLUMNS.map((c) => csvCell(lead[c] as string | undefined)).join(','))].join('\n'))
  console.log(`CSV ${(statSync(csv).size / 1024 / 1024).toFixed(1)} MB`)

  // DuckDB: CSV → groups file, nothing loaded into JS.
  let start = performance.now()
  const instance = await DuckDBInstance.create(':memory:', { threads: '2', temp_directory: join(dir, 'spill') })
  const duck = await instance.connect()
  const result = await dedupeWithDuckdb(duck, RULES, { source: { file: csv }, groupsFile: join(dir, 'groups.csv') })
  const duckTime = seconds(start)
  const duckPairs = new Set<number>()
  for (const [a, b] of (await duck.runAndReadAll(`SELECT id_l, id_r FROM ${result.tables.pairs}`)).getRows()) {
    duckPairs.add(pairKey(indexOf.get(String(a)) as number, indexOf.get(String(b)) as number))
  }
  duck.closeSync()
  instance.closeSync()

  // PGlite: rows loaded from one JSON parameter (timed apart), then the compiled SQL.
  let pgPairs: Set<number> | undefined
  let pgTime = ''
  if (size <= PG_LIMIT) {
    const pg = new PGlite()
    start = performance.now()
    await pg.exec(`CREATE TABLE leads (${COLUMNS.map((c) => `"${c}" TEXT`).join(', ')})`)
    const json = JSON.stringify(leads.map((lead) => Object.fromEntries(COLUMNS.map((c) => [c, lead[c] ?? null]))))
    await pg.query('INSERT INTO leads SELECT * FROM json_populate_recordset(NULL::leads, $1)', [json])
    const loadTime = seconds(start)
    start = performance.now()
    const compiled = compileDuplicateRules(RULES, { dialect: 'postgres', table: 'leads' })
    await runDuplicateSql(compiled, {
      run: (sql) => pg.exec(sql),
      count: async (sql) => Number(Object.values((await pg.query<Record<string, unknown>>(sql)).rows[0] ?? {})[0] ?? 0),
    })
    pgTime = `${seconds(start)} (+ load ${loadTime})`
    pgPairs = new Set()
    for (const row of (await pg.query<{ id_l: string; id_r: string }>(`SELECT id_l, id_r FROM ${compiled.tables.pairs}`)).rows) {
      pgPairs.add(pairKey(indexOf.get(row.id_l) as number, indexOf.get(row.id_r) as number))
    }
    await pg.close()
  }

  // JS: an index of every lead, each looked up (the pairs), then clusters().
  start = performance.now()
  const index = createDuplicateIndex(RULES, { expectedRecords: size })
  for (const lead of leads) index.add(lead)
  const jsPairs = new Set<number>()
  for (let i = 0; i < leads.length; i += 1) {
    for (const match of index.match(leads[i] as (typeof leads)[number])) jsPairs.add(pairKey(i, indexOf.get(match.record.id) as number))
  }
  const groups = index.clusters().length
  const jsTime = seconds(start)

  report('JS (index + match + clusters)', jsPairs, undefined, jsTime)
  report('DuckDB (CSV → groups)', duckPairs, jsPairs, duckTime)
  if (pgPairs !== undefined) report('PostgreSQL on PGlite', pgPairs, jsPairs, pgTime)
  else console.log(`PostgreSQL on PGlite: skipped above ${PG_LIMIT.toLocaleString()} leads`)
  console.log(`groups: JS ${groups.toLocaleString()}, DuckDB ${result.clusters.toLocaleString()} (${result.iterations} label-propagation steps)`)
} finally {
  rmSync(dir, { recursive: true, force: true })
}
