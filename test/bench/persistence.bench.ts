// Executes 10,000 qualification-like plans (4 creates, 3 updates, 2 timeline entries, plus the executed-plan
// record: 10 writes each) against the in-memory repositories and against PostgreSQL on PGlite, one plan after
// another, and prints plans/s with peak memory. Target in memory: ≥ 20,000 plans/s. CPU time is printed too: on a
// shared machine wall-clock rates say more about the neighbours than about the code.
//
// In memory, a cold pass of WARMUP plans (2,000 by default) on a separate store runs first and is printed on its own
// line. Then RUNS (5 by default) measured runs each execute the 10,000 plans on a fresh store; every run is printed,
// and the target is judged on their median, so one run that a neighbour or a badly timed major GC slowed does not
// decide it either way. PGlite runs once (about a minute).
//
// With LEADKIT_PG_URL set (postgres://user:password@host:5432/database), the plans also run once against that
// PostgreSQL server through a pg Pool, on tables under a prefix of their own that are dropped afterwards.
//
// Plans come in two forms, timed separately in memory: as a planner hands them over (deeply frozen and sealed:
// checked once when made, so executePlan does not walk them again) and as read back from JSON (checked in full
// before anything is read). FORM=planner or FORM=json runs one of them.
//
// Run: npm run bench -- persistence   (PLANS=1000 for a quick run, RUNS=1 for one run, ONLY=memory, pglite or server)
import { PGlite } from '@electric-sql/pglite'
import pg from 'pg'
import { loadavg } from 'node:os'
import { performance } from 'node:perf_hooks'
import { createPostgresRepositories } from '../../src/adapters/postgres/createPostgresRepositories.js'
import { fromPg } from '../../src/adapters/postgres/fromPg.js'
import { fromPglite } from '../../src/adapters/postgres/fromPglite.js'
import { migrate } from '../../src/adapters/postgres/migrate.js'
import { tableNames } from '../../src/adapters/postgres/schema.js'
import { sealPlan } from '../../src/internal/checkPlan.js'
import { deepFreeze } from '../../src/internal/immer.js'
import { createInMemoryRepositories } from '../../src/persistence/createInMemoryRepositories.js'
import { executePlan } from '../../src/persistence/executePlan.js'
import type { Repositories } from '../../src/persistence/types.js'
import type { PlanBase } from '../../src/plan.js'
import { FIXTURE_NOW, fixtureDuplicateKeys, fixtureQualificationInput, fixtureQualificationPlan } from '../support/persistencePlans.js'

const PLANS = Number(process.env.PLANS ?? 10_000)
const TARGET_IN_MEMORY = 20_000
const WARMUP = Number(process.env.WARMUP ?? 2_000)
const RUNS = Math.max(1, Number(process.env.RUNS ?? 5))

interface Peak {
  rss: number
  heapUsed: number
}

function sample(peak: Peak): void {
  const usage = process.memoryUsage()
  peak.rss = Math.max(peak.rss, usage.rss)
  peak.heapUsed = Math.max(peak.heapUsed, usage.heapUsed)
}

const mb = (bytes: number): string => `${(bytes / 1024 / 1024).toFixed(1)} MB`

type PlanForm = 'planner' | 'json'

/** A fixture plan in the form a host holds it: sealed as a planner's, or a plain object read back from JSON. */
function inForm(plan: PlanBase, form: PlanForm): PlanBase {
  return form === 'json' ? (JSON.parse(JSON.stringify(plan)) as PlanBase) : sealPlan(deepFreeze(plan))
}

async function seed(repositories: Repositories, count: number, prefix = '', form: PlanForm = 'planner'): Promise<PlanBase[]> {
  const plans: PlanBase[] = []
  const batch = 500
  for (let start = 0; start < count; start += batch) {
    const inputs = Array.from({ length: Math.min(batch, count - start) }, (_, offset) =>
      fixtureQualificationInput(`${prefix}${start + offset}`),
    )
    await repositories.transaction(async (tx) => {
      for (const input of inputs) {
        await tx.leads.insert(input.lead)
        for (const note of input.notes) await tx.notes.insert(note)
      }
    })
    // Planners return deeply frozen, sealed plans, whose records the store keeps without copying; the planner form
    // of the fixtures matches that.
    for (const input of inputs) plans.push(inForm(fixtureQualificationPlan(input), form))
  }
  return plans
}

// A host runs plans in a long-lived process, so the figure that matters is the one after the JIT has compiled the
// executor; the first, cold pass over a separate store is timed and printed too, so nothing is hidden.
async function warmUp(name: string, repositories: Repositories, count: number): Promise<void> {
  if (count <= 0) return
  const plans = await seed(repositories, count, 'warmup-')
  const cpu = process.cpuUsage()
  const started = performance.now()
  for (const plan of plans) await executePlan(plan, repositories, { now: FIXTURE_NOW })
  const seconds = (performance.now() - started) / 1000
  const used = process.cpuUsage(cpu)
  console.log(
    `${`${name} (cold)`.padEnd(20)} ${count} plans in ${seconds.toFixed(2)} s = ${Math.round(count / seconds).toLocaleString('en-US')} plans/s` +
      ` · ${((used.user + used.system) / 1e6).toFixed(2)} s CPU · separate store, not the figure below`,
  )
}

interface Measured {
  readonly rate: number
  readonly peak: Peak
}

async function run(name: string, repositories: Repositories, form: PlanForm = 'planner'): Promise<Measured> {
  const plans = await seed(repositories, PLANS, '', form)
  ;(globalThis as { gc?: () => void }).gc?.()
  const peak: Peak = { rss: 0, heapUsed: 0 }
  sample(peak)
  const cpu = process.cpuUsage()
  const started = performance.now()
  let created = 0
  for (let index = 0; index < plans.length; index += 1) {
    const result = await executePlan(plans[index] as PlanBase, repositories, { now: FIXTURE_NOW })
    created += result.created.all.length
    // Executing only awaits promises, so timers would never fire: sample memory inside the loop.
    if (index % 250 === 0) sample(peak)
  }
  const seconds = (performance.now() - started) / 1000
  const used = process.cpuUsage(cpu)
  const cpuSeconds = (used.user + used.system) / 1e6
  sample(peak)
  const rate = plans.length / seconds
  console.log(
    `${name.padEnd(20)} ${plans.length} plans in ${seconds.toFixed(2)} s = ${Math.round(rate).toLocaleString('en-US')} plans/s` +
      ` (${Math.round((plans.length * 10) / seconds).toLocaleString('en-US')} writes/s, ${created} records created)` +
      ` · ${cpuSeconds.toFixed(2)} s CPU (${Math.round(plans.length / cpuSeconds).toLocaleString('en-US')} plans per CPU-second)` +
      ` · peak rss ${mb(peak.rss)}, peak heapUsed ${mb(peak.heapUsed)}` +
      ` · load average ${loadavg().map((load) => load.toFixed(2)).join(' ')}`,
  )
  return { rate, peak }
}

// ONLY=memory or ONLY=pglite runs one backend.
const only = process.env.ONLY
const forms: readonly PlanForm[] = process.env.FORM === 'json' ? ['json'] : process.env.FORM === 'planner' ? ['planner'] : ['planner', 'json']
if (only === undefined || only === 'memory') {
  await warmUp('in-memory', createInMemoryRepositories({ duplicateKeys: fixtureDuplicateKeys }), WARMUP)
  for (const form of forms) {
    const label = `in-memory, ${form}`
    const runs: Measured[] = []
    for (let index = 1; index <= RUNS; index += 1) {
      const repositories = createInMemoryRepositories({ duplicateKeys: fixtureDuplicateKeys })
      runs.push(await run(`${label} ${index}/${RUNS}`, repositories, form))
    }
    const rates = runs.map((measured) => measured.rate).sort((a, b) => a - b)
    const median = rates.length % 2 === 1 ? (rates[(rates.length - 1) / 2] as number) : ((rates[rates.length / 2 - 1] as number) + (rates[rates.length / 2] as number)) / 2
    const plansPerSecond = (rate: number): string => `${Math.round(rate).toLocaleString('en-US')} plans/s`
    console.log(
      `${label.padEnd(20)} median of ${RUNS} runs: ${plansPerSecond(median)}` +
        ` (min ${plansPerSecond(rates[0] as number)}, max ${plansPerSecond(rates[rates.length - 1] as number)})` +
        ` · peak rss ${mb(Math.max(...runs.map((measured) => measured.peak.rss)))}`,
    )
    const verdict = median >= TARGET_IN_MEMORY ? 'met' : 'NOT met'
    console.log(`  target ≥ ${TARGET_IN_MEMORY.toLocaleString('en-US')} plans/s (median, ${form} plans): ${verdict}`)
  }
}
if (only === undefined || only === 'pglite') {
  const db = new PGlite()
  const client = fromPglite(db)
  await migrate(client)
  await run('PostgreSQL (PGlite)', createPostgresRepositories(client, { duplicateKeys: fixtureDuplicateKeys }))
  await db.close()
}
const serverUrl = process.env.LEADKIT_PG_URL
if (serverUrl !== undefined && (only === undefined || only === 'server')) {
  const pool = new pg.Pool({ connectionString: serverUrl, max: 4 })
  const tablePrefix = `lk_bench_${process.pid}_`
  const client = fromPg(pool)
  await migrate(client, { tablePrefix })
  try {
    await run('PostgreSQL (server)', createPostgresRepositories(client, { duplicateKeys: fixtureDuplicateKeys, tablePrefix }))
  } finally {
    const tables = tableNames(tablePrefix)
    await pool.query(`DROP TABLE IF EXISTS ${Object.values(tables).join(', ')}`)
    await pool.end()
  }
}
