// Where match()'s slow tail comes from (issue 12): runs the skewed benchmark's probes (same seeds and construction
// as duplicates-skewed.bench.ts) in-process against a 100,000-lead index with a fixed hash seed, and records for each
// probe its time, its comparisons and its blocks. Saves the results (ids, rules, scores) to a file, or, given one,
// checks that every probe's matches are identical to it.
//
//   npx tsx --expose-gc test/bench/matchTail.probe.ts [size] [--save FILE | --check FILE]
//   (index options as JSON in OPTS, e.g. OPTS='{"maxBlockSize":64,"neighbourhood":16}' for the bounds before issue 12's third round)
import { readFileSync, writeFileSync } from 'node:fs'
import { loadavg } from 'node:os'
import { createDuplicateIndex } from '../../src/duplicates/createDuplicateIndex.js'
import { createDefaultLeadRules } from '../../src/duplicates/defaultLeadRules.js'
import type { Lead } from '../../src/records/types.js'
import { buildAdversarialLeads, generateSkewedLeads } from '../support/skewedLeads.js'

const SEED = 20261123
const PROBE_SEED = 777
const size = Number(process.argv[2] ?? 100_000)
const save = process.argv.indexOf('--save')
const check = process.argv.indexOf('--check')
const rules = createDefaultLeadRules({ defaultRegion: 'US' })
const pct = (a: Float64Array, p: number) => a[Math.min(a.length - 1, Math.floor(p * a.length))] as number
const cpu = () => { const u = process.cpuUsage(); return (u.user + u.system) / 1000 }

const generated = generateSkewedLeads({ count: size, seed: SEED })
const leads = generated.leads
const index = createDuplicateIndex<Lead>(rules, { expectedRecords: size, hashSeed: 12345, ...(JSON.parse(process.env.OPTS ?? '{}') as object) })
for (const lead of leads) index.add(lead)
// --clusters: clusters() first, which prepares every indexed record (a candidate's first-use cost, out of match()).
if (process.argv.includes('--clusters')) index.clusters()
const probeSet = generateSkewedLeads({ count: 20_000, seed: PROBE_SEED, worldSeed: SEED, companyCount: generated.companyCount, firstEntity: 50_000_000, idPrefix: 'probe-' }).leads
const probes = probeSet.map((lead, i) => (i % 10 === 0 ? { ...(leads[(i * 7919) % size] as Lead), id: `probe-${i}` } : lead))

const results: string[] = []
const times = new Float64Array(probes.length)
const comps = new Int32Array(probes.length)
// Per probe: CPU time (getrusage, µs) and involuntary context switches (the scheduler took the core mid-probe).
const cpuTimes = new Float64Array(probes.length)
const switched = new Int32Array(probes.length)
const details: string[] = []
for (let pass = 0; pass < 2; pass += 1) {
  const c0 = cpu()
  for (let i = 0; i < probes.length; i += 1) {
    const r0 = process.resourceUsage()
    const t = performance.now()
    const found = index.match(probes[i] as Lead)
    const dt = (performance.now() - t) * 1000
    const r1 = process.resourceUsage()
    if (pass === 0) {
      times[i] = dt
      cpuTimes[i] = r1.userCPUTime + r1.systemCPUTime - r0.userCPUTime - r0.systemCPUTime
      switched[i] = r1.involuntaryContextSwitches - r0.involuntaryContextSwitches
    }
    if (pass === 0) results.push(found.map((m) => `${m.record.id}:${m.rule}:${m.score.toFixed(6)}`).join(','))
  }
  console.log(`pass ${pass}: ${(cpu() - c0).toFixed(0)} ms CPU for ${probes.length} matches (load ${loadavg()[0]?.toFixed(2)})`)
}
for (let i = 0; i < probes.length; i += 1) {
  const d = index.matchDetails(probes[i] as Lead)
  comps[i] = d.comparisons
  details.push(d.blocks.map((b) => `${b.rule ?? 'fuzzy'}:${b.size}:${b.searched}:${b.compared}`).join(' '))
}
const m = times.slice(2000)
const sorted = m.slice().sort()
const cs = Int32Array.from(comps.slice(2000)).sort()
console.log(`match (first pass as the bench: probes 2000.. after 2000 warm-up): p50 ${pct(sorted, 0.5).toFixed(1)} µs, p99 ${pct(sorted, 0.99).toFixed(1)} µs, max ${pct(sorted, 1).toFixed(1)} µs`)
console.log(`comparisons: mean ${(cs.reduce((a, b) => a + b, 0) / cs.length).toFixed(1)}, p50 ${cs[cs.length >> 1]}, p99 ${cs[Math.floor(cs.length * 0.99)]}, max ${cs[cs.length - 1]}`)
// The slowest probes with their blocks.
const order = [...m.keys()].sort((a, b) => (m[b] as number) - (m[a] as number))
for (const j of order.slice(0, 15)) {
  const i = j + 2000
  const p = probes[i] as Lead
  console.log(`${(times[i] as number).toFixed(0)} µs, ${comps[i]} comps: ${p.firstName} ${p.lastName} @ ${p.companyName} | ${details[i]}`)
}
// Correlation: time by comparison bucket.
const buckets = new Map<number, number[]>()
for (let j = 0; j < m.length; j += 1) {
  const b = Math.min(10, Math.floor(Math.log2(1 + (comps[j + 2000] as number))))
  ;(buckets.get(b) ?? buckets.set(b, []).get(b)!).push(m[j] as number)
}
for (const [b, ts] of [...buckets].sort((x, y) => x[0] - y[0])) {
  ts.sort((x, y) => x - y)
  console.log(`comparisons < ${2 ** (b + 1) - 1}: ${ts.length} probes, median ${ts[ts.length >> 1]?.toFixed(1)} µs, p99 ${ts[Math.floor(ts.length * 0.99)]?.toFixed(1)} µs, mean ${(ts.reduce((a, x) => a + x, 0) / ts.length).toFixed(1)}`)
}
{
  const c = cpuTimes.slice(2000).sort()
  const sw = switched.slice(2000)
  const unswitched = m.filter((_, j) => sw[j] === 0).sort()
  const slow = order.slice(0, Math.ceil(m.length / 100))
  console.log(`CPU per probe (getrusage): p50 ${pct(c, 0.5).toFixed(0)} µs, p99 ${pct(c, 0.99).toFixed(0)} µs, max ${pct(c, 1).toFixed(0)} µs`)
  console.log(`${m.length - unswitched.length} probes preempted (involuntary context switch), ${slow.filter((j) => (sw[j] as number) > 0).length} of the slowest 1%; ` +
    `wall p99 of the others ${pct(unswitched, 0.99).toFixed(1)} µs`)
}
const over = m.filter((t) => t > 250).length
console.log(`${over} of ${m.length} probes over 250 µs`)

// The adversarial shared-phone block.
{
  const adv = createDuplicateIndex<Lead>(rules, { expectedRecords: 50_000, hashSeed: 12345, ...(JSON.parse(process.env.OPTS ?? '{}') as object) })
  for (const lead of buildAdversarialLeads('shared-phone', 50_000).leads) adv.add(lead)
  const ps = buildAdversarialLeads('shared-phone', 2_000, { seed: 4242, idPrefix: 'probe-', firstEntity: 1_000_000 }).leads
  const at = new Float64Array(ps.length)
  let maxc = 0
  for (let pass = 0; pass < 2; pass += 1) {
    for (let i = 0; i < ps.length; i += 1) {
      const t = performance.now()
      const found = adv.match(ps[i] as Lead)
      at[i] = (performance.now() - t) * 1000
      if (pass === 0) results.push(found.map((x) => `${x.record.id}:${x.rule}:${x.score.toFixed(6)}`).join(','))
    }
  }
  for (const p of ps) maxc = Math.max(maxc, adv.matchDetails(p).comparisons)
  const s = at.slice().sort()
  console.log(`shared-phone 50,000: p50 ${pct(s, 0.5).toFixed(1)} µs, p99 ${pct(s, 0.99).toFixed(1)} µs, max comparisons ${maxc}`)
}

if (save !== -1) writeFileSync(process.argv[save + 1] as string, results.join('\n'))
if (check !== -1) {
  const want = readFileSync(process.argv[check + 1] as string, 'utf8').split('\n')
  let diff = 0
  for (let i = 0; i < Math.max(want.length, results.length); i += 1) if (want[i] !== results[i]) diff += 1
  console.log(diff === 0 ? `results identical for all ${results.length} probes` : `RESULTS DIFFER for ${diff} probes`)
  if (diff !== 0) process.exitCode = 1
}
