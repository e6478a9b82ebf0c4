// The compilable duplicate rules (matchcode and keyed) side by side on the same generated leads: the rules compiled
// to DuckDB SQL and run on a CSV file (dedupeWithDuckdb), the JS engine (createDuplicateIndex), and the rules
// compiled to PostgreSQL SQL and run on PGlite. Wall time, CPU time, peak memory, pairs, differences from the JS
// engine's pairs, and precision/recall against the generator's truth (pairs of leads made from the same person).
//
//   npm run bench -- sqlDuplicates                                     # 50,000 leads: DuckDB, JS and PGlite
//   SQL_BENCH_SIZE=1000000 SQL_BENCH_CLI=1 npm run bench -- sqlDuplicates   # DuckDB, the CLI and JS (PGlite ≤ 50,000)
//   SQL_BENCH_SIZE=10000000 npm run bench -- sqlDuplicates                  # DuckDB only (JS only ≤ 1,000,000)
//   npx tsx test/bench/sqlDuplicates.bench.ts 1000000                       # the size as an argument, run alone
// (`npm run bench` reads its arguments as names of scripts, so the size goes in SQL_BENCH_SIZE there.)
//
// How each figure is measured:
// - The CSV is written in chunks from generateDuplicateLeadChunks (never all leads in memory); this process keeps
//   only each lead's person number (4 bytes a lead) for the truth.
// - DuckDB runs in a child process (sqlDuplicatesDuckdb.ts) with threads=2, memory_limit (SQL_BENCH_MEMORY_LIMIT,
//   default 1500MB) and a temp_directory, so it may spill. Its wall time is CSV → groups file, CPU is user + system
//   of the child (DuckDB's threads included), peak RSS is the child's maxRSS (its Node baseline shown apart). The
//   spill is the largest size of the temp directory seen, sampled every 200 ms.
// - The JS engine runs in this process on leads generated in memory (up to 1,000,000, SQL_BENCH_JS_LIMIT): its
//   peak RSS is this process's, which holds the leads, the index, and the DuckDB pairs kept for the comparison.
// - With SQL_BENCH_CLI=1 the command `leadkit dedupe <csv> --engine duckdb` runs once on the same CSV and rules,
//   under /usr/bin/time (its own defaults: no memory_limit, DuckDB's thread count).
import { spawn, spawnSync } from 'node:child_process'
import { closeSync, createReadStream, mkdtempSync, openSync, readdirSync, rmSync, statSync, writeFileSync, writeSync } from 'node:fs'
import { loadavg, tmpdir } from 'node:os'
import { dirname, join } from 'node:path'
import { createInterface } from 'node:readline'
import { fileURLToPath } from 'node:url'
import { PGlite } from '@electric-sql/pglite'
import { createDuplicateIndex } from '../../src/duplicates/createDuplicateIndex.js'
import { parseDuplicateRules } from '../../src/duplicates/parseDuplicateRule.js'
import type { Lead } from '../../src/records/types.js'
import { compileDuplicateRules } from '../../src/sql/compileDuplicateRules.js'
import { runDuplicateSql } from '../../src/sql/runDuplicateSql.js'
import { generateDuplicateLeadChunks, generateDuplicateLeads, pairKey } from '../support/duplicatesGenerator.js'
import { COLUMNS, type DuckdbChildReport, RULES_JSON } from './sqlDuplicatesShared.js'

const here = dirname(fileURLToPath(import.meta.url))
const root = join(here, '..', '..')
const size = Number(process.argv[2] ?? process.env.SQL_BENCH_SIZE ?? 50_000)
const SEED = 11
const PG_LIMIT = 50_000
const JS_LIMIT = Number(process.env.SQL_BENCH_JS_LIMIT ?? 1_000_000)
const MEMORY_LIMIT = process.env.SQL_BENCH_MEMORY_LIMIT ?? '1500MB'
const RULES = parseDuplicateRules(RULES_JSON)

const mb = (kb: number): string => `${(kb / 1024).toFixed(0)} MB`
const seconds = (start: number): string => `${((performance.now() - start) / 1000).toFixed(1)} s`
const csvCell = (value: string | undefined): string =>
  value === undefined ? '' : /[",\n\r]/.test(value) || value !== value.trim() ? `"${value.replaceAll('"', '""')}"` : value
const indexOfId = (id: string): number => Number(id.slice(5))
const cpuNow = (): number => {
  const usage = process.cpuUsage()
  return (usage.user + usage.system) / 1e6
}

console.log(`${new Date().toISOString()}  load average ${loadavg().map((l) => l.toFixed(2)).join(' ')}  node ${process.version}`)
console.log(`rules: ${RULES.map((r) => r.name).join('; ')}`)

// The truth: one person number per lead (leads of the same person are the true pairs).
const personOf = new Int32Array(size)
let truePairCount = 0
const isTruePair = (a: number, b: number): boolean => personOf[a] === personOf[b]

const dir = mkdtempSync(join(tmpdir(), 'leadkit-sql-bench-'))
try {
  // 1. The CSV, written chunk by chunk; the truth as one person number per lead.
  const csv = join(dir, 'leads.csv')
  let start = performance.now()
  let run = 0
  const fd = openSync(csv, 'w')
  writeSync(fd, `${COLUMNS.join(',')}\n`)
  for (const chunk of generateDuplicateLeadChunks({ count: size, seed: SEED }, 50_000)) {
    personOf.set(chunk.personOf, chunk.start)
    let text = ''
    for (let k = 0; k < chunk.leads.length; k += 1) {
      const lead = chunk.leads[k] as Lead
      text += `${COLUMNS.map((c) => csvCell(lead[c] as string | undefined)).join(',')}\n`
      // A person's leads are consecutive (and never split between chunks): a run of r leads gives r(r-1)/2 pairs.
      const i = chunk.start + k
      run = i > 0 && personOf[i - 1] === personOf[i] ? run + 1 : 0
      truePairCount += run
    }
    writeSync(fd, text)
  }
  closeSync(fd)
  console.log(
    `${size.toLocaleString()} generated leads (seed ${SEED}), ${truePairCount.toLocaleString()} true pairs; CSV ${(statSync(csv).size / 1024 / 1024).toFixed(1)} MB` +
      ` written in ${seconds(start)} (this process's peak RSS so far ${mb(process.resourceUsage().maxRSS)})`,
  )

  // 2. DuckDB in its own process, its spill directory watched.
  const duck = await runDuckdbChild(csv)
  let duckTp = 0
  const duckPairs = size <= JS_LIMIT ? new Set<number>() : undefined
  for await (const line of createInterface({ input: createReadStream(join(dir, 'pairs.csv')) })) {
    if (line === '') continue
    const comma = line.indexOf(',')
    const a = indexOfId(line.slice(0, comma))
    const b = indexOfId(line.slice(comma + 1))
    if (isTruePair(a, b)) duckTp += 1
    duckPairs?.add(pairKey(a, b))
  }
  rmSync(join(dir, 'pairs.csv'), { force: true })
  const { report: r, spillBytes } = duck
  console.log(
    `DuckDB (CSV → groups, child)   ${r.wallSeconds.toFixed(1).padStart(6)} s wall  ${r.cpuSeconds.toFixed(1).padStart(6)} s CPU` +
      `  peak RSS ${mb(r.peakRssKb)} (Node baseline ${mb(r.baselineRssKb)})  spill ${(spillBytes / 1024 / 1024).toFixed(0)} MB` +
      `  memory_limit ${r.memoryLimit}, ${r.threads} threads`,
  )
  console.log(
    `  pairs ${r.pairs.toLocaleString()}  groups ${r.clusters.toLocaleString()} (${r.iterations} label-propagation steps)` +
      `  precision ${(duckTp / Math.max(1, r.pairs)).toFixed(4)}  recall ${(duckTp / Math.max(1, truePairCount)).toFixed(4)}`,
  )

  // 3. The command line, on the same CSV and rules.
  if (process.env.SQL_BENCH_CLI === '1') runCli(csv)

  // 4. The JS engine (and PGlite), on the same leads generated in memory.
  if (size > JS_LIMIT) {
    console.log(`JS engine: not run above ${JS_LIMIT.toLocaleString()} leads (SQL_BENCH_JS_LIMIT; it holds the leads and the index in this process: about 1 GB a million leads)`)
  } else {
    const leads = generateDuplicateLeads({ count: size, seed: SEED }).leads
    start = performance.now()
    let cpu = cpuNow()
    const index = createDuplicateIndex(RULES, { expectedRecords: size })
    for (const lead of leads) index.add(lead)
    const jsPairs = new Set<number>()
    for (let i = 0; i < leads.length; i += 1) {
      for (const match of index.match(leads[i] as Lead)) jsPairs.add(pairKey(i, indexOfId(match.record.id)))
    }
    const groups = index.clusters().length
    const jsTime = seconds(start)
    cpu = cpuNow() - cpu
    report(`JS (index + match + clusters)`, jsPairs, undefined, `${jsTime} wall  ${cpu.toFixed(1)} s CPU  peak RSS ${mb(process.resourceUsage().maxRSS)} (this process)`)
    console.log(`  groups ${groups.toLocaleString()}`)
    if (duckPairs !== undefined) report('DuckDB against JS', duckPairs, jsPairs, '(figures above)')

    if (size <= PG_LIMIT) {
      // PGlite: rows loaded from one JSON parameter (timed apart), then the compiled SQL.
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
      const pgTime = `${seconds(start)} (+ load ${loadTime}) wall, in this process`
      const pgPairs = new Set<number>()
      for (const row of (await pg.query<{ id_l: string; id_r: string }>(`SELECT id_l, id_r FROM ${compiled.tables.pairs}`)).rows) {
        pgPairs.add(pairKey(indexOfId(row.id_l), indexOfId(row.id_r)))
      }
      await pg.close()
      report('PostgreSQL on PGlite', pgPairs, jsPairs, pgTime)
    } else {
      console.log(`PostgreSQL on PGlite: skipped above ${PG_LIMIT.toLocaleString()} leads`)
    }
  }
  console.log(`end ${new Date().toISOString()}  load average ${loadavg().map((l) => l.toFixed(2)).join(' ')}`)
} finally {
  rmSync(dir, { recursive: true, force: true })
}

function report(engine: string, pairs: Set<number>, reference: Set<number> | undefined, figures: string): void {
  let tp = 0
  for (const pair of pairs) {
    const a = Math.floor(pair / 67108864)
    if (isTruePair(a, pair - a * 67108864)) tp += 1
  }
  let onlyHere = 0
  let onlyJs = 0
  if (reference !== undefined) {
    for (const p of pairs) if (!reference.has(p)) onlyHere += 1
    for (const p of reference) if (!pairs.has(p)) onlyJs += 1
  }
  console.log(
    `${engine.padEnd(30)} ${figures}\n  pairs ${pairs.size.toLocaleString()}` +
      `  precision ${(tp / Math.max(1, pairs.size)).toFixed(4)}  recall ${(tp / Math.max(1, truePairCount)).toFixed(4)}` +
      (reference === undefined ? '' : `  vs JS: +${onlyHere} / -${onlyJs}`),
  )
}

/** Runs sqlDuplicatesDuckdb.ts on `csv`, sampling the size of its spill directory; returns its report. */
async function runDuckdbChild(csv: string): Promise<{ report: DuckdbChildReport; spillBytes: number }> {
  const spill = join(dir, 'spill')
  let spillBytes = 0
  const sample = (): void => {
    let total = 0
    try {
      for (const name of readdirSync(spill)) {
        try {
          total += statSync(join(spill, name)).size
        } catch {
          // A spill file deleted between the listing and the stat.
        }
      }
    } catch {
      // No spill directory yet: DuckDB makes it when it first spills.
    }
    spillBytes = Math.max(spillBytes, total)
  }
  const timer = setInterval(sample, 200)
  const child = spawn(process.execPath, ['--import', 'tsx', join(here, 'sqlDuplicatesDuckdb.ts'), csv, dir, MEMORY_LIMIT, '2'], {
    stdio: ['ignore', 'pipe', 'inherit'],
  })
  let out = ''
  child.stdout.on('data', (data: Buffer) => {
    out += data.toString()
  })
  const code = await new Promise<number | null>((done) => child.on('close', done))
  clearInterval(timer)
  if (code !== 0) throw new Error(`the DuckDB child exited with ${code}: ${out.slice(-2000)}`)
  const last = out.trim().split('\n').at(-1) ?? ''
  return { report: JSON.parse(last) as DuckdbChildReport, spillBytes }
}

/** Times `leadkit dedupe <csv> --engine duckdb` once, with the benchmark's rules, under /usr/bin/time. */
function runCli(csv: string): void {
  const rules = join(dir, 'rules.json')
  writeFileSync(rules, JSON.stringify(RULES_JSON))
  const args = ['-f', '%e %U %S %M', process.execPath, '--import', 'tsx', join(root, 'src', 'cli', 'main.ts'), 'dedupe', csv,
    '--out', join(dir, 'cli-groups.csv'), '--engine', 'duckdb', '--rules', rules, '--json', '--no-progress']
  const run = spawnSync('/usr/bin/time', args, { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 })
  const timeLine = run.stderr.trim().split('\n').at(-1) ?? ''
  const [wall, user, system, rssKb] = timeLine.split(' ').map(Number) as [number, number, number, number]
  let summary: { pairs?: number; groups?: number; rowsRead?: number; rowsRefused?: number } = {}
  try {
    summary = JSON.parse(run.stdout) as typeof summary
  } catch {
    console.log(`leadkit CLI: no JSON summary (exit ${run.status}): ${run.stderr.slice(-1500)}`)
  }
  console.log(
    `leadkit dedupe --engine duckdb  ${wall.toFixed(1).padStart(6)} s wall  ${(user + system).toFixed(1).padStart(6)} s CPU  peak RSS ${mb(rssKb)}` +
      `  (exit ${run.status}; rows ${summary.rowsRead?.toLocaleString()}, refused ${summary.rowsRefused?.toLocaleString()},` +
      ` pairs ${summary.pairs?.toLocaleString()}, groups ${summary.groups?.toLocaleString()})`,
  )
  rmSync(join(dir, 'cli-groups.csv'), { force: true })
}
