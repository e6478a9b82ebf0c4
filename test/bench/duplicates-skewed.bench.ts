// Duplicate detection on leads shaped like a B2B CRM (issue 12): Zipf names and company sizes, shared switchboard
// numbers, free mail and pathological rows (test/support/skewedLeads.ts), with the default rules side by side with
// the same rules as DuckDB SQL (test/bench/skewedDuckdb.ts), plus adversarial blocks.
//
//   npx tsx test/bench/duplicates-skewed.bench.ts            # 1,000,000 leads
//   npx tsx test/bench/duplicates-skewed.bench.ts 100000     # or SKEWED_BENCH_SIZE=100000
//   npm run bench -- duplicates-skewed
//
// Environment: SKEWED_BENCH_LIMIT seconds a stage may take before its case is stopped (default 120);
// SKEWED_BENCH_CASES, a comma-separated subset of: blocks, leadkit, duckdb, adversarial (default all).
//
// Each case runs in a child process (with --max-semi-space-size=64, as the uniform benchmark does, and
// --expose-gc), so that its peak RSS is its own and a stage that goes quadratic can be stopped: the child announces
// each stage on stdout and this process kills it when one runs past the limit, prints "over N s" and goes on with
// the next case. Each figure is printed with the one-minute load average at the end of its stage: the machine is
// shared, so wall time includes the time other processes held the cores, and CPU time is printed beside it.
import { spawn } from 'node:child_process'
import { readFileSync } from 'node:fs'
import { loadavg } from 'node:os'
import { fileURLToPath } from 'node:url'
import { duplicateBlockingKeys } from '../../src/duplicates/blockingKeys.js'
import { createDuplicateIndex } from '../../src/duplicates/createDuplicateIndex.js'
import { createDefaultLeadRules } from '../../src/duplicates/defaultLeadRules.js'
import { normalizeCompanyName } from '../../src/duplicates/normalizeCompanyName.js'
import { emailDomain, normalizeEmail } from '../../src/duplicates/normalizeEmail.js'
import { normalizePersonName } from '../../src/duplicates/normalizePersonName.js'
import { normalizePhone } from '../../src/duplicates/normalizePhone.js'
import { isFreeMailDomain } from '../../src/internal/freeMailDomains.js'
import type { Lead } from '../../src/records/types.js'
import { countTruePairs, pairsOf, scoreGroups, type GroupScores } from '../support/scoreGroups.js'
import {
  buildAdversarialLeads,
  generateSkewedLeads,
  LEAD_KINDS,
  type AdversarialKind,
  type SkewedLeads,
} from '../support/skewedLeads.js'
import { loadDuckdb, runDuckdbRules } from './skewedDuckdb.js'

const SEED = 20261123
const PROBE_SEED = 777
const here = fileURLToPath(import.meta.url)
const size = Number(process.argv[2] ?? process.env.SKEWED_BENCH_SIZE ?? 1_000_000)
const limitSeconds = Number(process.env.SKEWED_BENCH_LIMIT ?? 120)
const caseName = process.env.SKEWED_BENCH_CASE

const n = (v: number) => Math.round(v).toLocaleString('en-US')
const fmt = (v: number, digits = 3) => v.toFixed(digits)
const load = () => `load ${fmt(loadavg()[0] as number, 2)}`
const peakRss = () => `${n((process.resourceUsage().maxRSS * 1024) / 1024 / 1024)} MB`
const cpuSeconds = (since: NodeJS.CpuUsage) => {
  const used = process.cpuUsage(since)
  return (used.user + used.system) / 1e6
}
const pct = (sorted: Float64Array, p: number) =>
  sorted[Math.min(sorted.length - 1, Math.floor(p * sorted.length))] as number
const gc = () => (globalThis as { gc?: () => void }).gc?.()
const rules = createDefaultLeadRules({ defaultRegion: 'US' })

/**
 * Per lookup, its CPU time (getrusage, µs) and whether the scheduler took the core from it mid-lookup (an involuntary
 * context switch): on a shared machine with more runnable processes than cores, a lookup of 50 µs is preempted about
 * once in a hundred, and then waits a time slice (milliseconds), so the wall p99 measures the scheduler.
 */
class ProbeMeter {
  private readonly cpu: Float64Array
  private readonly switched: Uint8Array
  private before: NodeJS.ResourceUsage = process.resourceUsage()

  constructor(count: number) {
    this.cpu = new Float64Array(count)
    this.switched = new Uint8Array(count)
  }

  start(): void {
    this.before = process.resourceUsage()
  }

  stop(i: number): void {
    const after = process.resourceUsage()
    this.cpu[i] = after.userCPUTime + after.systemCPUTime - this.before.userCPUTime - this.before.systemCPUTime
    this.switched[i] = after.involuntaryContextSwitches > this.before.involuntaryContextSwitches ? 1 : 0
  }

  /** CPU p50/p99, how many lookups were preempted, and the wall p99 of the others. */
  line(wall: Float64Array, count: number): string {
    const cpu = this.cpu.slice(0, count).sort()
    const kept = wall.slice(0, count).filter((_, i) => this.switched[i] === 0).sort()
    return (
      `CPU p50 ${fmt(pct(cpu, 0.5), 0)} µs, p99 ${fmt(pct(cpu, 0.99), 0)} µs (getrusage); ` +
      `${n(count - kept.length)} preempted mid-lookup, wall p99 of the others ${fmt(pct(kept, 0.99), 1)} µs`
    )
  }
}

// ------------------------------------------------------------------------------------------------ orchestrator

async function orchestrate(): Promise<void> {
  const wanted = (process.env.SKEWED_BENCH_CASES ?? 'blocks,leadkit,duckdb,adversarial').split(',').map((c) => c.trim())
  console.log(
    `skewed duplicates benchmark: ${n(size)} leads, seed ${SEED} (node ${process.version}); ` +
      `stage limit ${limitSeconds} s; ` +
      `${load()} at the start`,
  )
  const cases: string[] = []
  if (wanted.includes('blocks')) cases.push('blocks')
  if (wanted.includes('leadkit')) cases.push('leadkit')
  if (wanted.includes('duckdb')) cases.push('duckdb')
  if (wanted.includes('adversarial')) cases.push('adv-phone', 'adv-email', 'adv-match', 'adv-surname')
  const results: Record<string, Record<string, unknown>> = {}
  for (const name of cases) results[name] = await runChild(name)
  summary(results)
}

/** Runs one case in a child process, forwarding its output and stopping it when a stage runs past the limit. */
function runChild(name: string): Promise<Record<string, unknown>> {
  console.log(`\n--- ${name}`)
  const execArgv = process.execArgv.filter((a) => !a.startsWith('--max-semi-space-size') && a !== '--expose-gc')
  const child = spawn(process.execPath, [...execArgv, '--max-semi-space-size=64', '--expose-gc', here, String(size)], {
    env: { ...process.env, SKEWED_BENCH_CASE: name },
    stdio: ['ignore', 'pipe', 'inherit'],
  })
  const results: Record<string, unknown> = {}
  let stage = 'start'
  let stageStart = performance.now()
  let stopped = false
  const watchdog = setInterval(() => {
    if (stopped || (performance.now() - stageStart) / 1000 <= limitSeconds) return
    stopped = true
    const rss = childPeakRss(child.pid)
    child.kill('SIGKILL')
    const line = `${name} / ${stage}: over ${limitSeconds} s, stopped${rss} (${load()})`
    console.log(line)
    results[`over:${stage}`] = line
  }, 250)
  let buffer = ''
  child.stdout.setEncoding('utf8')
  child.stdout.on('data', (chunk: string) => {
    buffer += chunk
    let newline = buffer.indexOf('\n')
    while (newline !== -1) {
      const line = buffer.slice(0, newline)
      buffer = buffer.slice(newline + 1)
      if (line.startsWith('@@stage ')) {
        stage = line.slice(8)
        stageStart = performance.now()
      } else if (line.startsWith('@@result ')) {
        Object.assign(results, JSON.parse(line.slice(9)) as Record<string, unknown>)
      } else console.log(line)
      newline = buffer.indexOf('\n')
    }
  })
  return new Promise((resolve) => {
    child.on('close', (code, signal) => {
      clearInterval(watchdog)
      if (!stopped && code !== 0) {
        // V8 aborts (exit 134) when its heap is full.
        const why = signal ?? (code === 134 ? 'exit 134: out of memory' : `exit ${code}`)
        const line = `${name} / ${stage}: the child process failed (${why}) (${load()})`
        console.log(line)
        results[`failed:${stage}`] = line
      }
      resolve(results)
    })
  })
}

/** The peak RSS a running child has reached (Linux: VmHWM in /proc), for a case stopped before it could say. */
function childPeakRss(pid: number | undefined): string {
  try {
    const status = readFileSync(`/proc/${pid}/status`, 'utf8')
    const kb = Number(/VmHWM:\s+(\d+) kB/.exec(status)?.[1])
    return Number.isFinite(kb) ? `; peak RSS so far ${n(kb / 1024)} MB` : ''
  } catch {
    return ''
  }
}

function summary(results: Record<string, Record<string, unknown>>): void {
  const leadkit = results.leadkit ?? {}
  const duck = results.duckdb ?? {}
  const cell = (r: Record<string, unknown>, key: string) => (typeof r[key] === 'string' ? (r[key] as string) : '—')
  const stopped = (r: Record<string, unknown>) =>
    Object.entries(r)
      .filter(([k]) => k.startsWith('over:') || k.startsWith('failed:'))
      .map(([, v]) => v as string)
  console.log(`\n=== summary: ${n(size)} skewed leads (${load()} at the end)`)
  const rows: [string, string, string][] = [
    ['build (index / load + prep)', cell(leadkit, 'build'), cell(duck, 'load')],
    ['groups (clusters / SQL)', cell(leadkit, 'clusters'), cell(duck, 'sql')],
    ['total (build + groups)', cell(leadkit, 'total'), cell(duck, 'total')],
    ['match p50 / p99', cell(leadkit, 'match'), 'n/a'],
    ['peak RSS', cell(leadkit, 'rss'), cell(duck, 'rss')],
    ['precision / recall, all rows', cell(leadkit, 'score'), cell(duck, 'score')],
    ['precision / recall, ordinary rows', cell(leadkit, 'scoreOrdinary'), cell(duck, 'scoreOrdinary')],
  ]
  for (const [label, a, b] of rows) console.log(`${label.padEnd(36)} leadkit: ${a.padEnd(60)} duckdb: ${b}`)
  for (const r of [leadkit, duck]) for (const line of stopped(r)) console.log(line)
  for (const name of ['adv-phone', 'adv-email', 'adv-match', 'adv-surname']) {
    const r = results[name]
    if (r === undefined) continue
    console.log(`${name.padEnd(12)} ${cell(r, 'line')}${stopped(r).map((s) => ` | ${s}`).join('')}`)
  }
}

// --------------------------------------------------------------------------------------------------- the cases

function stage(name: string): void {
  console.log(`@@stage ${name}`)
}

function result(values: Record<string, unknown>): void {
  console.log(`@@result ${JSON.stringify(values)}`)
}

async function runCase(name: string): Promise<void> {
  if (name === 'blocks') blocks()
  else if (name === 'leadkit') leadkit()
  else if (name === 'duckdb') await duckdb()
  else if (name === 'adv-phone') adversarialClusters('shared-phone', 5000)
  else if (name === 'adv-email') adversarialClusters('shared-email', 5000)
  else if (name === 'adv-match') adversarialMatch(50_000)
  else if (name === 'adv-surname') adversarialClusters('surname-at-company', 50_000)
  else throw new Error(`unknown case ${name}`)
}

function generate(): SkewedLeads {
  stage('generate')
  const t = performance.now()
  const generated = generateSkewedLeads({ count: size, seed: SEED })
  console.log(`generate: ${fmt((performance.now() - t) / 1000, 2)} s (${load()}); peak RSS ${peakRss()}`)
  return generated
}

/** The scores of a set of groups of lead positions, on all rows and on the ordinary rows (no pathological ones). */
function scores(
  generated: SkewedLeads,
  groups: readonly (readonly string[])[],
): { all: GroupScores; ordinary: GroupScores } {
  const { entityOf, kindOf } = generated
  const ordinaryKinds = new Set((['original', 'copy', 'namesake'] as const).map((k) => LEAD_KINDS.indexOf(k)))
  const positionOf = (id: string) => Number(id.slice(5))
  const ordinaryEntities: number[] = []
  for (let i = 0; i < entityOf.length; i += 1) {
    if (ordinaryKinds.has(kindOf[i] as number)) ordinaryEntities.push(entityOf[i] as number)
  }
  const all = scoreGroups(groups, (id) => entityOf[positionOf(id)], countTruePairs(entityOf))
  const ordinary = scoreGroups(
    groups,
    (id) => (ordinaryKinds.has(kindOf[positionOf(id)] as number) ? entityOf[positionOf(id)] : undefined),
    countTruePairs(ordinaryEntities),
  )
  return { all, ordinary }
}

// A precision of 3e-5 would print as 0.0000: small shares are printed in scientific notation.
const share = (v: number) => (v > 0 && v < 0.001 ? v.toExponential(1) : fmt(v, 4))
const scoreLine = (s: GroupScores) =>
  `precision ${share(s.precision)}, recall ${share(s.recall)} ` +
  `(${n(s.correctPairs)} of ${n(s.foundPairs)} pairs in ${n(s.groups)} groups ` +
  `correct, ${n(s.truePairs)} true pairs; largest group ${n(s.largestGroup)})`

function printStats(index: object, when: string): void {
  const stats = (index as { stats?: () => unknown }).stats
  console.log(`stats ${when}: ${typeof stats === 'function' ? JSON.stringify(stats.call(index)) : 'n/a'}`)
}

/** The largest blocks of the data, by leadkit's normalisers: what a blocking index must cope with. */
function blocks(): void {
  const generated = generate()
  stage('blocks')
  const t = performance.now()
  const leads = generated.leads
  const counters = {
    email: new Map<string, number>(),
    phone: new Map<string, number>(),
    domain: new Map<string, number>(),
    surnameAtCompany: new Map<string, number>(),
    fuzzyKey: new Map<string, number>(),
  }
  const bump = (map: Map<string, number>, key: string) => map.set(key, (map.get(key) ?? 0) + 1)
  const companies = new Map<string, string>()
  for (const l of leads) {
    const email = l.email === undefined ? undefined : normalizeEmail(l.email)
    if (email !== undefined) bump(counters.email, email)
    const phones = new Set<string>()
    for (const raw of [l.businessPhone, l.mobilePhone]) {
      const phone = raw === undefined ? undefined : normalizePhone(raw, { defaultRegion: 'US' })
      if (phone !== undefined) phones.add(phone)
    }
    for (const phone of phones) bump(counters.phone, phone)
    const domain = l.email === undefined ? undefined : emailDomain(l.email)
    if (domain !== undefined && !isFreeMailDomain(domain)) bump(counters.domain, domain)
    if (l.companyName !== undefined && l.lastName !== undefined) {
      let company = companies.get(l.companyName)
      if (company === undefined) {
        company = normalizeCompanyName(l.companyName)
        companies.set(l.companyName, company)
      }
      const last = normalizePersonName(l.lastName, { joinParts: true })
      if (company !== '' && last !== '') bump(counters.surnameAtCompany, `${company} / ${last}`)
    }
    for (const key of duplicateBlockingKeys(l)) bump(counters.fuzzyKey, key)
  }
  const out: Record<string, unknown> = {}
  console.log(
    'largest blocks (by leadkit\'s normalisers; "pairs/lead" = Σ C(n, 2) over the blocks ÷ leads, ' +
      'the comparisons per lead of a blocking that compares whole blocks):',
  )
  for (const [label, map] of Object.entries(counters)) {
    const sorted = [...map.entries()].sort((a, b) => b[1] - a[1])
    let pairs = 0
    let over500 = 0
    let leadsOver500 = 0
    for (const [, c] of sorted) {
      pairs += pairsOf(c)
      if (c > 500) {
        over500 += 1
        leadsOver500 += c
      }
    }
    const top = sorted.slice(0, 3).map(([k, c]) => `${k} ${n(c)}`).join(', ')
    const line =
      `${label}: ${n(map.size)} distinct; largest ${top}; pairs/lead ${fmt(pairs / leads.length, 1)}; ` +
      `${n(over500)} blocks over 500 (${n(leadsOver500)} leads)`
    console.log(`  ${line}`)
    out[label] = line
  }
  console.log(`blocks: ${fmt((performance.now() - t) / 1000, 2)} s (${load()}); peak RSS ${peakRss()}`)
  result(out)
}

function leadkit(): void {
  const generated = generate()
  console.log(generated.description)
  const leads = generated.leads
  stage('index build')
  const index = createDuplicateIndex<Lead>(rules, { expectedRecords: size })
  gc()
  let t = performance.now()
  let cpu = process.cpuUsage()
  for (const lead of leads) index.add(lead)
  const buildSeconds = (performance.now() - t) / 1000
  const buildCpu = cpuSeconds(cpu)
  const build = `${fmt(buildSeconds, 2)} s = ${n(size / buildSeconds)} leads/s (${load()})`
  console.log(
    `index build: ${fmt(buildSeconds, 2)} s wall, ${n(size / buildSeconds)} leads/s ` +
      '(target ≥ 150,000; with expectedRecords); ' +
      `${fmt(buildCpu, 2)} s CPU; peak RSS ${peakRss()} (${load()})`,
  )
  printStats(index, 'after the build')
  result({ build })

  // New people at the same companies (sharing their switchboards and domains), and one in ten a copy of an indexed
  // lead under a new id.
  stage('match')
  const probeSet = generateSkewedLeads({
    count: 20_000,
    seed: PROBE_SEED,
    worldSeed: SEED,
    companyCount: generated.companyCount,
    firstEntity: 50_000_000,
    idPrefix: 'probe-',
  }).leads
  const probes = probeSet.map((lead, i) =>
    i % 10 === 0 ? { ...(leads[(i * 7919) % size] as Lead), id: `probe-${i}` } : lead,
  )
  const budget = limitSeconds * 0.8 * 1000
  const matchStart = performance.now()
  for (let i = 0; i < 2_000 && performance.now() - matchStart < budget / 4; i += 1) index.match(probes[i] as Lead)
  const latencies = new Float64Array(probes.length - 2_000)
  const meter = new ProbeMeter(probes.length - 2_000)
  let measured = 0
  let matched = 0
  for (let i = 2_000; i < probes.length && performance.now() - matchStart < budget; i += 1) {
    meter.start()
    const start = performance.now()
    const found = index.match(probes[i] as Lead)
    latencies[measured] = (performance.now() - start) * 1000
    meter.stop(measured++)
    if (found.length > 0) matched += 1
  }
  const sorted = latencies.subarray(0, measured).sort()
  const cut = measured < latencies.length
    ? ` (stopped after ${n(measured)} of ${n(latencies.length)} lookups: over ${fmt(budget / 1000, 0)} s)`
    : ''
  const match = `p50 ${fmt(pct(sorted, 0.5), 1)} µs, p99 ${fmt(pct(sorted, 0.99), 1)} µs${cut} (${load()})`
  console.log(
    `match: wall p50 ${fmt(pct(sorted, 0.5), 1)} µs, p99 ${fmt(pct(sorted, 0.99), 1)} µs (target ≤ 250), ` +
      `max ${fmt(pct(sorted, 1), 1)} µs; ${meter.line(latencies, measured)}; ` +
      `${n(measured)} lookups (${n(matched)} with duplicates)${cut} (${load()})`,
  )
  result({ match })

  stage('clusters')
  t = performance.now()
  cpu = process.cpuUsage()
  const clusters = index.clusters()
  const clusterSeconds = (performance.now() - t) / 1000
  const clusterCpu = cpuSeconds(cpu)
  console.log(
    `clusters(): ${fmt(clusterSeconds, 2)} s wall, ${fmt(clusterCpu, 2)} s CPU, ${n(clusters.length)} groups; ` +
      `build + clusters ${fmt(buildSeconds + clusterSeconds, 2)} s (target ≤ 30 s); ` +
      `peak RSS ${peakRss()} (target ≤ 1.5 GB) (${load()})`,
  )
  printStats(index, 'after clusters()')
  result({
    clusters: `${fmt(clusterSeconds, 2)} s (${load()})`,
    total: `${fmt(buildSeconds + clusterSeconds, 2)} s (${load()})`,
    rss: `${peakRss()} (${load()})`,
  })

  stage('score')
  const byRule = new Map<string, number>()
  for (const cluster of clusters) {
    const pairs = (cluster as { pairs?: readonly { rule: string }[] }).pairs
    if (pairs !== undefined) for (const pair of pairs) byRule.set(pair.rule, (byRule.get(pair.rule) ?? 0) + 1)
  }
  if (byRule.size > 0) console.log(`verified pairs by rule: ${[...byRule].map(([r, c]) => `${r} ${n(c)}`).join('; ')}`)
  const { all, ordinary } = scores(generated, clusters.map((c) => c.ids))
  console.log(`groups, all rows: ${scoreLine(all)} (targets ≥ 0.97)`)
  console.log(`groups, ordinary rows only (pathological rows left out): ${scoreLine(ordinary)}`)
  result({
    score: `${share(all.precision)} / ${share(all.recall)}`,
    scoreOrdinary: `${share(ordinary.precision)} / ${share(ordinary.recall)}`,
  })
}

async function duckdb(): Promise<void> {
  const api = await loadDuckdb()
  if (typeof api === 'string') {
    console.log(`duckdb: skipped (${api})`)
    result({ load: 'skipped', sql: 'skipped', total: 'skipped' })
    return
  }
  const generated = generate()
  gc()
  let outcome
  try {
    outcome = await runDuckdbRules(api, generated.leads, { onStage: stage })
  } catch (error) {
    console.log(`duckdb: skipped (${(error as Error).message.split('\n')[0]})`)
    result({ load: 'skipped', sql: 'skipped', total: 'skipped' })
    return
  }
  for (const [name, seconds] of outcome.stages) console.log(`${name}: ${fmt(seconds, 2)} s`)
  const seconds = (prefix: string) =>
    outcome.stages.filter(([s]) => s.startsWith(prefix)).reduce((sum, [, v]) => sum + v, 0)
  const loadSeconds = seconds('duckdb prep') + seconds('duckdb load')
  const total = outcome.stages.reduce((sum, [, v]) => sum + v, 0)
  console.log(
    `duckdb ${outcome.version}: ${n(outcome.exactEdges)} exact edges, ` +
      `${n(outcome.candidatePairs)} fuzzy candidate pairs (${fmt(outcome.candidatePairs / size, 1)} per lead), ` +
      `${n(outcome.fuzzyPairs)} fuzzy pairs, ${outcome.iterations} label-propagation rounds; ` +
      `total ${fmt(total, 2)} s; peak RSS ${peakRss()} (${load()})`,
  )
  const { all, ordinary } = scores(generated, outcome.groups.map((g) => g.map((i) => `lead-${i}`)))
  console.log(`duckdb groups, all rows: ${scoreLine(all)}`)
  console.log(`duckdb groups, ordinary rows only: ${scoreLine(ordinary)}`)
  result({
    load: `${fmt(loadSeconds, 2)} s (${load()})`,
    sql: `${fmt(total - loadSeconds, 2)} s (${load()})`,
    total: `${fmt(total, 2)} s (${load()})`,
    rss: `${peakRss()} (${load()})`,
    score: `${share(all.precision)} / ${share(all.recall)}`,
    scoreOrdinary: `${share(ordinary.precision)} / ${share(ordinary.recall)}`,
  })
}

/** clusters() on n different people sharing one phone, one email, or one surname at one company. */
function adversarialClusters(kind: AdversarialKind, count: number): void {
  const { leads } = buildAdversarialLeads(kind, count)
  stage(`${kind} build`)
  const index = createDuplicateIndex<Lead>(rules, { expectedRecords: count })
  let t = performance.now()
  for (const lead of leads) index.add(lead)
  const buildSeconds = (performance.now() - t) / 1000
  printStats(index, 'after the build')
  stage(`${kind} clusters()`)
  t = performance.now()
  const cpu = process.cpuUsage()
  const clusters = index.clusters()
  const seconds = (performance.now() - t) / 1000
  let pairs = 0
  let largest = 0
  for (const c of clusters) {
    pairs += pairsOf(c.ids.length)
    largest = Math.max(largest, c.ids.length)
  }
  const line =
    `${n(count)} leads (${kind}, all different people): build ${fmt(buildSeconds, 2)} s, ` +
    `clusters() ${fmt(seconds, 2)} s wall (${fmt(cpuSeconds(cpu), 2)} s CPU), ${n(clusters.length)} groups, ` +
    `largest ${n(largest)}, ${n(pairs)} pairs in groups; peak RSS ${peakRss()} (${load()})`
  console.log(line)
  printStats(index, 'after clusters()')
  result({ line })
}

/** match() against 50,000 different people sharing one switchboard phone, probed with new people on that phone. */
function adversarialMatch(count: number): void {
  const { leads } = buildAdversarialLeads('shared-phone', count)
  stage('shared-phone build')
  const index = createDuplicateIndex<Lead>(rules, { expectedRecords: count })
  let t = performance.now()
  for (const lead of leads) index.add(lead)
  const buildSeconds = (performance.now() - t) / 1000
  printStats(index, 'after the build')
  stage('shared-phone match')
  const probeOptions = { seed: 4242, idPrefix: 'probe-', firstEntity: 1_000_000 }
  const probes = buildAdversarialLeads('shared-phone', 2_000, probeOptions).leads
  const budget = limitSeconds * 0.8 * 1000
  t = performance.now()
  for (let i = 0; i < 20 && performance.now() - t < budget / 4; i += 1) index.match(probes[i] as Lead)
  const latencies = new Float64Array(probes.length - 20)
  const meter = new ProbeMeter(probes.length - 20)
  let measured = 0
  let found = 0
  for (let i = 20; i < probes.length && performance.now() - t < budget; i += 1) {
    meter.start()
    const start = performance.now()
    found += index.match(probes[i] as Lead).length
    latencies[measured] = (performance.now() - start) * 1000
    meter.stop(measured++)
  }
  const sorted = latencies.subarray(0, measured).sort()
  const cut = measured < latencies.length
    ? ` (stopped after ${n(measured)} of ${n(latencies.length)}: over ${fmt(budget / 1000, 0)} s)`
    : ''
  const line =
    `match() against ${n(count)} leads sharing one phone (build ${fmt(buildSeconds, 2)} s): ` +
    `p50 ${fmt(pct(sorted, 0.5) / 1000, 2)} ms, p99 ${fmt(pct(sorted, 0.99) / 1000, 2)} ms ` +
    `over ${n(measured)} new people on that phone${cut}, ${fmt(found / Math.max(1, measured), 0)} matches each; ` +
    `${meter.line(latencies, measured)}; ` +
    `peak RSS ${peakRss()} (${load()})`
  console.log(line)
  result({ line })
}

// Last, so that every constant above is initialised before a case runs.
if (caseName === undefined) await orchestrate()
else await runCase(caseName)
