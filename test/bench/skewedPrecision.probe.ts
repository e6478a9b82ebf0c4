// Where the false pairs inside the groups come from (issue 12, item 3): skewed (or uniform) leads, seed 20261123 →
// createDuplicateIndex(default rules, { hashSeed: 1 }) → clusters() → precision and recall over the pairs inside the
// groups, on all rows and on the ordinary rows; then every false pair classified by the link that put it in its
// group (rule, same name or not, company size, identifiers of each side, group size, chaining), the true pairs
// missed, and what each fuzzy link brought, by the expected namesakes at the company and by the leads there with
// the same name sounds. CPU time of the build and of clusters() by process.cpuUsage.
//
//   node --import tsx --max-semi-space-size=64 test/bench/skewedPrecision.probe.ts 100000 [skewed|uniform]
//   THRESHOLDS=0.25,Infinity node --import tsx ... 1000000   # maxExpectedNamesakes: the first for the index, the
//                                                             # others re-cluster the same index (scores only)
// A million leads take about 90 s of CPU and 3 GB (add --max-old-space-size=8000).
import { loadavg } from 'node:os'
import { createDuplicateIndex } from '../../src/duplicates/createDuplicateIndex.js'
import { createDefaultLeadRules, DEFAULT_LEAD_RULE_NAMES } from '../../src/duplicates/defaultLeadRules.js'
import { normalizePhone } from '../../src/duplicates/normalizePhone.js'
import { isFreeMailDomain } from '../../src/internal/freeMailDomains.js'
import type { Lead } from '../../src/records/types.js'
import { countTruePairs, pairsOf, scoreGroups } from '../support/scoreGroups.js'
import { generateSkewedLeads, LEAD_KINDS } from '../support/skewedLeads.js'
import { generateDuplicateLeads } from '../support/duplicatesGenerator.js'

const size = Number(process.argv[2] ?? 100_000)
const mode = process.argv[3] ?? 'skewed'
const n = (v: number) => Math.round(v).toLocaleString('en-US')
const cpuOf = (since: NodeJS.CpuUsage) => {
  const u = process.cpuUsage(since)
  return (u.user + u.system) / 1e6
}
const rules = createDefaultLeadRules({ defaultRegion: 'US' })

let leads: Lead[]
let entityOf: Int32Array
let kindOf: Uint8Array | undefined
let companyOf: Int32Array | undefined
let t = process.cpuUsage()
if (mode === 'uniform') {
  const g = generateDuplicateLeads({ count: size, seed: 20261123 })
  leads = g.leads
  entityOf = g.personOf
} else {
  const g = generateSkewedLeads({ count: size, seed: 20261123 })
  leads = g.leads
  entityOf = g.entityOf
  kindOf = g.kindOf
  companyOf = g.companyOf
}
console.log(`${mode} ${n(size)}: generated in ${cpuOf(t).toFixed(1)} s CPU`)

const thresholds = (process.env.THRESHOLDS ?? '').split(',').filter((x) => x !== '').map(Number)
const index = createDuplicateIndex<Lead>(rules, { expectedRecords: size, hashSeed: 1, ...(thresholds.length > 0 ? { maxExpectedNamesakes: thresholds[0] } : {}) })
t = process.cpuUsage()
for (const lead of leads) index.add(lead)
const buildCpu = cpuOf(t)
const before = index.stats().comparisons
t = process.cpuUsage()
const clusters = index.clusters()
const clustersCpu = cpuOf(t)
const comparisons = index.stats().comparisons - before
console.log(`build ${buildCpu.toFixed(2)} s CPU; clusters() ${clustersCpu.toFixed(2)} s CPU, ${n(comparisons)} comparisons (${(comparisons / size).toFixed(1)}/lead); load ${loadavg()[0]?.toFixed(1)}`)

const positionOf = new Map<string, number>()
leads.forEach((l, i) => positionOf.set(l.id, i))
const pos = (id: string) => positionOf.get(id) as number
const all = scoreGroups(clusters.map((c) => c.ids), (id) => entityOf[pos(id)], countTruePairs(entityOf))
const line = (s: typeof all) =>
  `precision ${s.precision.toFixed(4)}, recall ${s.recall.toFixed(4)} (${n(s.correctPairs)} of ${n(s.foundPairs)} pairs, ${n(s.truePairs)} true, ${n(s.groups)} groups, largest ${s.largestGroup})`
console.log(`all rows: ${line(all)}`)
if (kindOf !== undefined) {
  const ordinaryKinds = new Set((['original', 'copy', 'namesake'] as const).map((k) => LEAD_KINDS.indexOf(k)))
  const ordinaryEntities: number[] = []
  for (let i = 0; i < entityOf.length; i += 1) if (ordinaryKinds.has(kindOf[i] as number)) ordinaryEntities.push(entityOf[i] as number)
  const ko = kindOf
  const ordinary = scoreGroups(
    clusters.map((c) => c.ids),
    (id) => (ordinaryKinds.has(ko[pos(id)] as number) ? entityOf[pos(id)] : undefined),
    countTruePairs(ordinaryEntities),
  )
  console.log(`ordinary rows: ${line(ordinary)}`)
}
for (const extra of thresholds.slice(1)) {
  // The index's limit changed in place between clusters() calls on one index: a probe's shortcut, not an API.
  const limits = (index as unknown as { limits: object }).limits
  ;(index as unknown as { limits: object }).limits = { ...limits, maxExpectedNamesakes: extra }
  const c0 = process.cpuUsage()
  const again = index.clusters()
  const cpu = cpuOf(c0)
  const s = scoreGroups(again.map((c) => c.ids), (id) => entityOf[pos(id)], countTruePairs(entityOf))
  console.log(`maxExpectedNamesakes ${extra} (clusters() again, ${cpu.toFixed(1)} s CPU): all rows: ${line(s)}`)
  if (kindOf !== undefined) {
    const ko = kindOf
    const ordinaryKinds = new Set((['original', 'copy', 'namesake'] as const).map((k) => LEAD_KINDS.indexOf(k)))
    const ordinaryEntities: number[] = []
    for (let i = 0; i < entityOf.length; i += 1) if (ordinaryKinds.has(ko[i] as number)) ordinaryEntities.push(entityOf[i] as number)
    const o = scoreGroups(again.map((c) => c.ids), (id) => (ordinaryKinds.has(ko[pos(id)] as number) ? entityOf[pos(id)] : undefined), countTruePairs(ordinaryEntities))
    console.log(`maxExpectedNamesakes ${extra}: ordinary rows: ${line(o)}`)
  }
}
if (mode === 'uniform' || companyOf === undefined || kindOf === undefined) process.exit(0)

// ---- classification of false pairs -------------------------------------------------------------------------
const companySize = new Map<number, number>()
for (const c of companyOf) companySize.set(c, (companySize.get(c) ?? 0) + 1)
const phoneCount = new Map<string, number>()
const emailCount = new Map<string, number>()
const phoneOf = (raw: string | undefined) => (raw === undefined ? undefined : normalizePhone(raw, { defaultRegion: 'US' }))
const emailOf = (raw: string | undefined) => {
  const e = raw?.trim().toLowerCase()
  return e === undefined || e === '' ? undefined : e
}
for (const l of leads) {
  for (const p of [phoneOf(l.businessPhone), phoneOf(l.mobilePhone)]) if (p !== undefined) phoneCount.set(p, (phoneCount.get(p) ?? 0) + 1)
  const e = emailOf(l.email)
  if (e !== undefined) emailCount.set(e, (emailCount.get(e) ?? 0) + 1)
}
const nameOf = (l: Lead) => `${(l.firstName ?? '').trim().toLowerCase()} ${(l.lastName ?? '').trim().toLowerCase()}`
// Same full name (as written, lower-cased) at the same real company: how many distinct people.
const peopleByNameAtCompany = new Map<string, Set<number>>()
for (let i = 0; i < leads.length; i += 1) {
  const key = `${companyOf[i]}|${nameOf(leads[i] as Lead)}`
  let set = peopleByNameAtCompany.get(key)
  if (set === undefined) peopleByNameAtCompany.set(key, (set = new Set()))
  set.add(entityOf[i] as number)
}
const identifiers = (l: Lead) => {
  const e = emailOf(l.email)
  const work = e !== undefined && !isFreeMailDomain(e.slice(e.indexOf('@') + 1))
  const ownEmail = e !== undefined && (emailCount.get(e) ?? 0) <= 10
  const bp = phoneOf(l.businessPhone)
  const ownBusiness = bp !== undefined && (phoneCount.get(bp) ?? 0) <= 10
  const mob = phoneOf(l.mobilePhone)
  return { email: e === undefined ? 'none' : !ownEmail ? 'shared' : work ? 'work' : 'free', phone: bp === undefined ? 'none' : ownBusiness ? 'direct' : 'switchboard', mobile: mob !== undefined }
}
const hasOwnId = (l: Lead) => {
  const i = identifiers(l)
  return i.email === 'work' || i.email === 'free' || i.phone === 'direct' || i.mobile
}
const ruleShort: Record<string, string> = {
  [DEFAULT_LEAD_RULE_NAMES.sameEmail]: 'email',
  [DEFAULT_LEAD_RULE_NAMES.samePhone]: 'phone',
  [DEFAULT_LEAD_RULE_NAMES.similarNameAndCompany]: 'name+company',
  [DEFAULT_LEAD_RULE_NAMES.similarNameAndEmailDomain]: 'name+domain',
}
const sizeBand = (s: number) => (s >= 10_000 ? '≥10k' : s >= 1000 ? '1k-10k' : s >= 100 ? '100-1k' : '<100')

const tally = new Map<string, { links: number; pairs: number }>()
const add = (key: string, pairs: number) => {
  const v = tally.get(key) ?? { links: 0, pairs: 0 }
  v.links += 1
  v.pairs += pairs
  tally.set(key, v)
}
const dims: Record<string, Map<string, { links: number; pairs: number }>> = {}
const addDim = (dim: string, value: string, pairs: number) => {
  const m = (dims[dim] ??= new Map())
  const v = m.get(value) ?? { links: 0, pairs: 0 }
  v.links += 1
  v.pairs += pairs
  m.set(value, v)
}
const samples: string[] = []
let falsePairsTotal = 0
let groupsWithFalse = 0
for (const cluster of clusters) {
  const ents = cluster.ids.map((id) => entityOf[pos(id)] as number)
  const counts = new Map<number, number>()
  for (const e of ents) counts.set(e, (counts.get(e) ?? 0) + 1)
  let truePairs = 0
  for (const k of counts.values()) truePairs += pairsOf(k)
  const falsePairs = pairsOf(ents.length) - truePairs
  if (falsePairs === 0) continue
  groupsWithFalse += 1
  falsePairsTotal += falsePairs
  const falseLinks = cluster.pairs.filter((p) => entityOf[pos(p.a)] !== entityOf[pos(p.b)])
  const share = falsePairs / falseLinks.length
  const exactLinks = cluster.pairs.filter((p) => ruleShort[p.rule] === 'email' || ruleShort[p.rule] === 'phone').length
  for (const p of falseLinks) {
    const a = leads[pos(p.a)] as Lead
    const b = leads[pos(p.b)] as Lead
    const ia = pos(p.a)
    const ib = pos(p.b)
    const rule = ruleShort[p.rule] ?? p.rule
    const sameName = nameOf(a) === nameOf(b)
    const sameCompany = companyOf[ia] === companyOf[ib]
    const cs = Math.max(companySize.get(companyOf[ia] as number) ?? 0, companySize.get(companyOf[ib] as number) ?? 0)
    const kinds = [LEAD_KINDS[kindOf[ia] as number], LEAD_KINDS[kindOf[ib] as number]].sort().join('+')
    const pathological = !/^(copy|original|namesake)\+(copy|original|namesake)$/.test(kinds)
    const idA = identifiers(a)
    const idB = identifiers(b)
    const lacks = !hasOwnId(a) || !hasOwnId(b) ? 'one side has no own identifier' : 'both have own identifiers'
    const namesakes = sameCompany ? (peopleByNameAtCompany.get(`${companyOf[ia]}|${nameOf(a)}`)?.size ?? 0) : 0
    const structure = falseLinks.length > 1 ? 'several false links' : exactLinks > 0 && rule !== 'email' && rule !== 'phone' ? 'fuzzy link onto an exact group' : 'one false link'
    add(`${rule} | ${sameName ? 'same name' : 'different name'} | ${pathological ? 'pathological' : 'ordinary'}`, share)
    addDim('rule', rule, share)
    addDim('same full name (as written)', String(sameName), share)
    addDim('same real company', String(sameCompany), share)
    addDim('company size', sizeBand(cs), share)
    addDim('kinds', kinds, share)
    addDim('own identifier', lacks, share)
    addDim('identifiers a/b', [`${idA.email}/${idA.phone}${idA.mobile ? '+m' : ''}`, `${idB.email}/${idB.phone}${idB.mobile ? '+m' : ''}`].sort().join(' ~ '), share)
    addDim('group size', String(ents.length), share)
    addDim('structure', structure, share)
    addDim('people with that name at the company', sameName && sameCompany ? (namesakes >= 10 ? '≥10' : namesakes >= 5 ? '5-9' : namesakes >= 3 ? '3-4' : String(namesakes)) : 'n/a', share)
    addDim('score', p.score >= 0.999 ? '1' : p.score >= 0.97 ? '0.97-1' : p.score >= 0.93 ? '0.93-0.97' : '<0.93', share)
    if (samples.length < 60 && (rule === 'name+company' || rule === 'name+domain')) {
      samples.push(
        `${rule} ${p.score.toFixed(3)} g${ents.length}: [${a.firstName} ${a.lastName} | ${a.companyName} | ${a.email} | ${a.businessPhone} | ${a.mobilePhone}] ~ [${b.firstName} ${b.lastName} | ${b.companyName} | ${b.email} | ${b.businessPhone} | ${b.mobilePhone}] namesakes ${namesakes}`,
      )
    }
  }
}
console.log(`false pairs ${n(falsePairsTotal)} in ${n(groupsWithFalse)} groups`)
const show = (m: Map<string, { links: number; pairs: number }>) =>
  [...m.entries()].sort((x, y) => y[1].pairs - x[1].pairs).slice(0, 14).map(([k, v]) => `    ${k}: ${n(v.pairs)} pairs (${n(v.links)} links)`).join('\n')
console.log(`by rule | name | rows:\n${show(tally)}`)
for (const [dim, m] of Object.entries(dims)) console.log(`  ${dim}:\n${show(m)}`)
console.log(samples.slice(0, 25).join('\n'))

// Missed true pairs: entity pairs not in one group.
const groupOf = new Int32Array(size).fill(-1)
clusters.forEach((c, g) => c.ids.forEach((id) => (groupOf[pos(id)] = g)))
const byEntity = new Map<number, number[]>()
for (let i = 0; i < size; i += 1) {
  const e = entityOf[i] as number
  const list = byEntity.get(e)
  if (list === undefined) byEntity.set(e, [i])
  else list.push(i)
}
const missed = new Map<string, number>()
for (const list of byEntity.values()) {
  if (list.length < 2) continue
  for (let x = 0; x < list.length; x += 1) {
    for (let y = x + 1; y < list.length; y += 1) {
      const i = list[x] as number
      const j = list[y] as number
      if (groupOf[i] !== -1 && groupOf[i] === groupOf[j]) continue
      const key = `${sizeBand(companySize.get(companyOf[i] as number) ?? 0)} | ${LEAD_KINDS[kindOf[i] as number]}+${LEAD_KINDS[kindOf[j] as number]}`
      missed.set(key, (missed.get(key) ?? 0) + 1)
    }
  }
}
console.log(`missed true pairs by company size | kinds:\n${[...missed.entries()].sort((x, y) => y[1] - x[1]).slice(0, 10).map(([k, v]) => `    ${k}: ${n(v)}`).join('\n')}`)

// ---- fuzzy links: what dropping them would remove, by name frequency at the company ---------------------------
{
  const { soundsOf } = await import('../../src/duplicates/internal/blockingHasher.js')
  const { nicknameLookup } = await import('../../src/duplicates/nicknames.js')
  const { phoneticKey } = await import('../../src/duplicates/phonetic.js')
  const { normalizeCompanyName } = await import('../../src/duplicates/normalizeCompanyName.js')
  const nick = nicknameLookup(undefined)
  const givenSound = (l: Lead) => (typeof l.firstName === 'string' && l.firstName.trim() !== '' ? (soundsOf(l.firstName, nick)[0] ?? '') : '')
  const surSound = (l: Lead) => (typeof l.lastName === 'string' ? phoneticKey(l.lastName) : '')
  const companyKey = (l: Lead) => (typeof l.companyName === 'string' ? normalizeCompanyName(l.companyName).replaceAll(' ', '').slice(0, 8) : '')
  const gCount = new Map<string, number>()
  const sCount = new Map<string, number>()
  const cCount = new Map<string, number>()
  const nameAt = new Map<string, number>()
  const gs: string[] = []
  const ss: string[] = []
  const cs: string[] = []
  for (let i = 0; i < leads.length; i += 1) {
    const l = leads[i] as Lead
    const g = givenSound(l)
    const s = surSound(l)
    const c = companyKey(l)
    gs.push(g)
    ss.push(s)
    cs.push(c)
    gCount.set(g, (gCount.get(g) ?? 0) + 1)
    sCount.set(s, (sCount.get(s) ?? 0) + 1)
    if (c !== '') cCount.set(c, (cCount.get(c) ?? 0) + 1)
    if (c !== '') nameAt.set(`${c}|${g}|${s}`, (nameAt.get(`${c}|${g}|${s}`) ?? 0) + 1)
  }
  const N = leads.length
  const expected = (i: number) => ((cCount.get(cs[i] as string) ?? 0) * (gCount.get(gs[i] as string) ?? 0) * (sCount.get(ss[i] as string) ?? 0)) / (N * N)
  const observed = (i: number) => (nameAt.get(`${cs[i]}|${gs[i]}|${ss[i]}`) ?? 1) - 1
  const eBand = (e: number) => (e >= 4 ? '≥4' : e >= 2 ? '2-4' : e >= 1 ? '1-2' : e >= 0.5 ? '0.5-1' : e >= 0.25 ? '0.25-0.5' : e >= 0.1 ? '0.1-0.25' : e >= 0.03 ? '0.03-0.1' : '<0.03')
  const oBand = (o: number) => (o >= 10 ? '≥10' : String(o))
  const byE = new Map<string, { t: number; f: number }>()
  const byO = new Map<string, { t: number; f: number }>()
  const tallyTF = (m: Map<string, { t: number; f: number }>, k: string, t: number, f: number) => {
    const v = m.get(k) ?? { t: 0, f: 0 }
    v.t += t
    v.f += f
    m.set(k, v)
  }
  for (const cluster of clusters) {
    if (cluster.ids.length < 2) continue
    for (const p of cluster.pairs) {
      if (ruleShort[p.rule] === 'email' || ruleShort[p.rule] === 'phone') continue
      // The side of the tree without this link that holds p.b.
      const side = new Set<string>([p.b])
      let grew = true
      while (grew) {
        grew = false
        for (const q of cluster.pairs) {
          if (q === p) continue
          if (side.has(q.a) !== side.has(q.b)) {
            side.add(q.a)
            side.add(q.b)
            grew = true
          }
        }
      }
      let t = 0
      let f = 0
      for (const x of cluster.ids) {
        if (!side.has(x)) continue
        for (const y of cluster.ids) {
          if (side.has(y)) continue
          if (entityOf[pos(x)] === entityOf[pos(y)]) t += 1
          else f += 1
        }
      }
      const ia = pos(p.a)
      const ib = pos(p.b)
      const e = Math.max(expected(ia), expected(ib))
      const o = Math.max(observed(ia), observed(ib))
      tallyTF(byE, `${ruleShort[p.rule]} E ${eBand(e)}`, t, f)
      tallyTF(byO, `${ruleShort[p.rule]} obs ${oBand(o)}`, t, f)
    }
  }
  const showTF = (m: Map<string, { t: number; f: number }>) =>
    [...m.entries()].sort((x, y) => (x[0] < y[0] ? -1 : 1)).map(([k, v]) => `    ${k}: true ${n(v.t)}, false ${n(v.f)}`).join('\n')
  console.log(`pairs a fuzzy link brings, by expected namesakes E (company leads × f(given sound) × f(surname sound)):\n${showTF(byE)}`)
  console.log(`by observed leads with the same name sounds at the company:\n${showTF(byO)}`)
}
