// Qualification planning throughput: `npx tsx test/bench/qualification.bench.ts [sizes…]` (or `npm run bench -- qualification`).
// Prints leads/s for planQualification (one call per lead) and planBulkQualification (one call for all), and the
// heap each bulk result retains, to show memory grows linearly with the number of leads. Target: ≥ 50,000 leads/s bulk.
// Other processes share the machine's cores, so each line shows CPU time beside wall time and the load average when
// it ran: on a busy machine the CPU-time rate is the planner's own speed, the wall-time rate includes waiting.
// Run it with `node --expose-gc --import tsx test/bench/qualification.bench.ts` for exact retained-heap figures.
import { loadavg } from 'node:os'
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

const cpuMsSince = (before: NodeJS.CpuUsage): number => {
  const cpu = process.cpuUsage(before)
  return (cpu.user + cpu.system) / 1000
}
const load = (): string => `load average ${loadavg()[0]?.toFixed(2)}`

{
  const leads = generateLeads(20_000, 2)
  const cpuBefore = process.cpuUsage()
  const start = performance.now()
  let ready = 0
  for (const lead of leads) if (planQualification(lead, settings, {}, { now: NOW }).status === 'ready') ready++
  const ms = performance.now() - start
  const cpuMs = cpuMsSince(cpuBefore)
  console.log(
    `planQualification      ${String(leads.length).padStart(7)} leads  wall ${ms.toFixed(0).padStart(5)} ms ${rate(leads.length, ms)}  ` +
      `CPU ${cpuMs.toFixed(0).padStart(5)} ms ${rate(leads.length, cpuMs)}  ${load()}  (${ready} ready)`,
  )
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
  // Other processes share the 2 cores: CPU time shows the planner's own cost next to wall time.
  const cpuMs = cpuMsSince(cpuBefore)
  gc?.()
  const retained = process.memoryUsage().heapUsed - heapBefore
  const peakRss = process.resourceUsage().maxRSS * 1024
  const perSecond = (size / ms) * 1000
  if (perSecond < TARGET) below = true
  console.log(
    `planBulkQualification  ${String(size).padStart(7)} leads  wall ${ms.toFixed(0).padStart(5)} ms ${rate(size, ms)}  ` +
      `CPU ${cpuMs.toFixed(0).padStart(5)} ms ${rate(size, cpuMs)}  ${load()}  retained heap ${mb(retained)} (${Math.round(retained / size)} B/lead)  peak RSS ${mb(peakRss)}  ready ${bulk.counts.ready}`,
  )
}
console.log(gc === undefined ? '(run with --expose-gc for exact retained-heap figures)' : '')
console.log(below ? `below the ${TARGET.toLocaleString('en-US')} leads/s target` : `meets the ${TARGET.toLocaleString('en-US')} leads/s target`)
