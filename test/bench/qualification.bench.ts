// Qualification planning throughput: `npx tsx test/bench/qualification.bench.ts [sizes…]` (or `npm run bench -- qualification`).
// Prints leads/s for planQualification (one call per lead) and planBulkQualification (one call for all), and the
// heap each bulk result retains, to show memory grows linearly with the number of leads. Target: ≥ 50,000 leads/s bulk.
import { performance } from 'node:perf_hooks'
import { planBulkQualification } from '../../src/qualification/planBulkQualification.js'
import { planQualification } from '../../src/qualification/planQualification.js'
import { ALL_AUTOMATIC, NOW, generateLeads } from '../support/qualification.js'

const sizes = process.argv.slice(2).map(Number).filter((n) => n > 0)
const SIZES = sizes.length > 0 ? sizes : [10_000, 50_000, 100_000]
const TARGET = 50_000
const settings = ALL_AUTOMATIC()
const gc = (globalThis as { gc?: () => void }).gc

const mb = (bytes: number): string => `${(bytes / 1024 / 1024).toFixed(1)} MB`
const rate = (count: number, ms: number): string => `${Math.round((count / ms) * 1000).toLocaleString('en-US')} leads/s`

// Warm-up so the JIT has compiled the planner before anything is timed.
planBulkQualification(generateLeads(2_000, 99), settings, undefined, { now: NOW })

{
  const leads = generateLeads(20_000, 2)
  const start = performance.now()
  let ready = 0
  for (const lead of leads) if (planQualification(lead, settings, {}, { now: NOW }).status === 'ready') ready++
  const ms = performance.now() - start
  console.log(`planQualification      ${String(leads.length).padStart(7)} leads  ${ms.toFixed(0).padStart(6)} ms  ${rate(leads.length, ms)}  (${ready} ready)`)
}

let below = false
// Held outside the loop and dropped before the next size, so each size's heap figure counts only its own plans.
let bulk: ReturnType<typeof planBulkQualification> | undefined
for (const size of SIZES) {
  bulk = undefined
  const leads = generateLeads(size, 1)
  gc?.()
  const heapBefore = process.memoryUsage().heapUsed
  const cpuBefore = process.cpuUsage()
  const start = performance.now()
  bulk = planBulkQualification(leads, settings, undefined, { now: NOW })
  const ms = performance.now() - start
  const cpu = process.cpuUsage(cpuBefore)
  // Other processes share the 2 cores: CPU time shows the planner's own cost next to wall time.
  const cpuMs = (cpu.user + cpu.system) / 1000
  gc?.()
  const retained = process.memoryUsage().heapUsed - heapBefore
  const peakRss = process.resourceUsage().maxRSS * 1024
  const perSecond = (size / ms) * 1000
  if (perSecond < TARGET) below = true
  console.log(
    `planBulkQualification  ${String(size).padStart(7)} leads  ${ms.toFixed(0).padStart(6)} ms  ${rate(size, ms)} (CPU time ${rate(size, cpuMs)})  ` +
      `retained heap ${mb(retained)} (${Math.round(retained / size)} B/lead)  peak RSS ${mb(peakRss)}  ready ${bulk.counts.ready}`,
  )
}
console.log(gc === undefined ? '(run with --expose-gc for exact retained-heap figures)' : '')
console.log(below ? `below the ${TARGET.toLocaleString('en-US')} leads/s target` : `meets the ${TARGET.toLocaleString('en-US')} leads/s target`)
