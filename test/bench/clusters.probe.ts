// The duplicate index alone on the skewed suite (or the uniform one): build, clusters(), their CPU time, comparisons,
// precision and recall over the pairs inside the groups, and a SHA-1 of the groups to check that a change keeps them
// (issue 12). Index options as JSON in OPTS; hashSeed 1 so that runs compare exactly. Wall time and the pauses of
// garbage collection are printed apart from CPU time (which counts the collector's helper threads too).
//
//   node --import tsx --max-semi-space-size=64 test/bench/clusters.probe.ts [size] [--uniform]
//   OPTS='{"maxBlockSize":64,"neighbourhood":16}' node --import tsx --max-semi-space-size=64 test/bench/clusters.probe.ts 1000000
import { createHash } from 'node:crypto'
import { loadavg } from 'node:os'
import { GCProfiler } from 'node:v8'
import { createDuplicateIndex, type DuplicateIndexOptions } from '../../src/duplicates/createDuplicateIndex.js'
import { createDefaultLeadRules } from '../../src/duplicates/defaultLeadRules.js'
import type { Lead } from '../../src/records/types.js'
import { generateDuplicateLeads } from '../support/duplicatesGenerator.js'
import { countTruePairs, scoreGroups } from '../support/scoreGroups.js'
import { generateSkewedLeads } from '../support/skewedLeads.js'

const size = Number(process.argv[2] ?? 100_000)
const uniform = process.argv.includes('--uniform')
const options = JSON.parse(process.env.OPTS ?? '{}') as DuplicateIndexOptions
const rules = createDefaultLeadRules({ defaultRegion: 'US' })
const { leads, personOf } = uniform
  ? generateDuplicateLeads({ count: size, seed: 42 })
  : (({ leads, entityOf }) => ({ leads, personOf: entityOf }))(generateSkewedLeads({ count: size, seed: 20261123 }))
const cpu = (): number => {
  const used = process.cpuUsage()
  return (used.user + used.system) / 1e6
}
// Garbage collection's pauses, apart (seconds): when a full collection falls is the noisiest part of a run's time.
const gcSeconds = (profiler: GCProfiler): number =>
  (profiler.stop()?.statistics ?? []).reduce((sum, gc) => sum + gc.cost, 0) / 1e6
let gc = new GCProfiler()
gc.start()
const index = createDuplicateIndex<Lead>(rules, { expectedRecords: size, hashSeed: 1, ...options })
let start = cpu()
let wall = performance.now()
for (const lead of leads) index.add(lead)
const build = cpu() - start
const buildWall = (performance.now() - wall) / 1000
const buildGc = gcSeconds(gc)
gc = new GCProfiler()
gc.start()
start = cpu()
wall = performance.now()
const clusters = index.clusters()
const clustering = cpu() - start
const clustersWall = (performance.now() - wall) / 1000
const clustersGc = gcSeconds(gc)
const position = new Map(leads.map((lead, i) => [lead.id, i]))
const scores = scoreGroups(
  clusters.map((cluster) => cluster.ids),
  (id) => personOf[position.get(id) as number],
  countTruePairs(personOf),
)
console.log(
  JSON.stringify({
    suite: uniform ? 'uniform' : 'skewed',
    size,
    options,
    buildCpu: Number(build.toFixed(2)),
    clustersCpu: Number(clustering.toFixed(2)),
    wall: [Number(buildWall.toFixed(2)), Number(clustersWall.toFixed(2))],
    gcPauses: [Number(buildGc.toFixed(2)), Number(clustersGc.toFixed(2))],
    groups: clusters.length,
    comparisons: index.stats().comparisons,
    precision: Number(scores.precision.toFixed(4)),
    recall: Number(scores.recall.toFixed(4)),
    groupsSha1: createHash('sha1').update(JSON.stringify(clusters)).digest('hex').slice(0, 12),
    peakRssMb: Math.round(process.resourceUsage().maxRSS / 1024),
    load: Number(loadavg()[0]?.toFixed(2)),
  }),
)
