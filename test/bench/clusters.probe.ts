// The duplicate index alone on the skewed suite (or the uniform one): build, clusters(), their CPU time, comparisons,
// precision and recall over the pairs inside the groups, and a SHA-1 of the groups to check that a change keeps them
// (issue 12). Index options as JSON in OPTS; hashSeed 1 so that runs compare exactly.
//
//   node --import tsx --max-semi-space-size=64 test/bench/clusters.probe.ts [size] [--uniform]
//   OPTS='{"maxBlockSize":64,"neighbourhood":16}' node --import tsx --max-semi-space-size=64 test/bench/clusters.probe.ts 1000000
import { createHash } from 'node:crypto'
import { loadavg } from 'node:os'
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
const index = createDuplicateIndex<Lead>(rules, { expectedRecords: size, hashSeed: 1, ...options })
let start = cpu()
for (const lead of leads) index.add(lead)
const build = cpu() - start
start = cpu()
const clusters = index.clusters()
const clustering = cpu() - start
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
    groups: clusters.length,
    comparisons: index.stats().comparisons,
    precision: Number(scores.precision.toFixed(4)),
    recall: Number(scores.recall.toFixed(4)),
    groupsSha1: createHash('sha1').update(JSON.stringify(clusters)).digest('hex').slice(0, 12),
    peakRssMb: Math.round(process.resourceUsage().maxRSS / 1024),
    load: Number(loadavg()[0]?.toFixed(2)),
  }),
)
