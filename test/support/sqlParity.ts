// Pairs of duplicates as the JS engine finds them and as the compiled SQL finds them, in one comparable form.
import { createDuplicateIndex, type DuplicateIndexOptions } from '../../src/duplicates/createDuplicateIndex.js'
import type { AnyDuplicateRule, FieldComparison, IdentifiedRecord } from '../../src/duplicates/types.js'
import { compileDuplicateRules } from '../../src/sql/compileDuplicateRules.js'
import { runDuplicateSql, type DuplicateSqlSummary } from '../../src/sql/runDuplicateSql.js'
import type { SqlDialect } from '../../src/sql/types.js'
import { expect } from 'vitest'
import type { TestEngine } from './sqlEngines.js'

/** `a|b` (a < b) → the name of the first rule, in list order, that matched the pair in either direction. */
export type PairRules = Map<string, string>

const pairKey = (x: string, y: string): string => (x < y ? `${x}|${y}` : `${y}|${x}`)

/** Directed matches `base>matching` → the best match's comparisons, as the JS engine explains them. */
export type Explanations = Map<string, readonly FieldComparison[]>

/** The JS engine's pairs: every record looked up in an index of all of them. */
export function jsPairs(
  records: readonly IdentifiedRecord[],
  rules: readonly AnyDuplicateRule[],
  options?: DuplicateIndexOptions,
): { pairs: PairRules; explanations: Explanations; comparisons: number } {
  const index = createDuplicateIndex(rules, options)
  for (const record of records) index.add(record)
  const order = new Map(rules.map((rule, i) => [rule.name, i]))
  const pairs: PairRules = new Map()
  const explanations: Explanations = new Map()
  for (const record of records) {
    for (const match of index.match(record)) {
      const key = pairKey(record.id, match.record.id)
      const first = [...match.rules].sort((a, b) => (order.get(a) ?? 0) - (order.get(b) ?? 0))[0] as string
      const known = pairs.get(key)
      if (known === undefined || (order.get(first) ?? 0) < (order.get(known) ?? 0)) pairs.set(key, first)
      explanations.set(`${record.id}>${match.record.id}`, match.comparisons)
    }
  }
  return { pairs, explanations, comparisons: index.stats().comparisons }
}

/** The compiled SQL's pairs, run on `engine` over the table `table`. */
export async function sqlPairs(
  engine: TestEngine,
  dialect: SqlDialect,
  rules: readonly AnyDuplicateRule[],
  table: string,
  columns: Readonly<Record<string, string>>,
  limits: { readonly maxBlockSize?: number; readonly neighbourhood?: number } = {},
): Promise<{ pairs: PairRules; explanations: Explanations; summary: DuplicateSqlSummary; clusters: Map<string, string> }> {
  const compiled = compileDuplicateRules(rules, { dialect, table, columns, ...limits })
  expect(compiled.unsupported).toEqual([])
  const summary = await runDuplicateSql(compiled, engine.executor)
  const pairs: PairRules = new Map()
  for (const [a, b, rule] of await engine.rows(`SELECT id_l, id_r, rule FROM ${compiled.tables.pairs}`)) {
    pairs.set(pairKey(String(a), String(b)), String(rule))
  }
  // The JS engine explains a directed match by its best rule: the highest score that way round, the first in the
  // list among equal scores.
  const best = new Map<string, number>()
  for (const [a, b, index] of await engine.rows(
    `SELECT base_id, matching_id, rule_index FROM (
       SELECT base_id, matching_id, rule_index, row_number() OVER (PARTITION BY base_id, matching_id ORDER BY score DESC, rule_index) AS n
       FROM ${compiled.tables.rulePairs}) AS r WHERE n = 1`,
  )) {
    best.set(`${String(a)}>${String(b)}`, Number(index))
  }
  const explanations: Explanations = new Map()
  const rows = await engine.rows(
    `SELECT c.rule_index, c.base_id, c.matching_id, c.field, c.base_value, c.matching_value, c.method, c.similarity
     FROM ${compiled.tables.comparisons} AS c ORDER BY c.base_id, c.matching_id, c.rule_index, c.position`,
  )
  const grouped = new Map<string, FieldComparison[]>()
  for (const [ruleIndex, base, matching, field, baseValue, matchingValue, method, similarity] of rows) {
    if (best.get(`${String(base)}>${String(matching)}`) !== Number(ruleIndex)) continue
    const key = `${String(base)}>${String(matching)}`
    const list = grouped.get(key) ?? []
    list.push({ field: String(field), values: [baseValue ?? undefined, matchingValue ?? undefined], method: method as FieldComparison['method'], similarity: Number(similarity) })
    grouped.set(key, list)
  }
  for (const [key, list] of grouped) explanations.set(key, list)
  const clusters = new Map<string, string>()
  for (const [id, cluster] of await engine.rows(`SELECT id, cluster_id FROM ${compiled.tables.clusters}`)) {
    clusters.set(String(id), String(cluster))
  }
  return { pairs, explanations, summary, clusters }
}

/** The pairs one side has and the other lacks, and the pairs both have with another rule. */
export function diffPairs(js: PairRules, sql: PairRules): { onlyJs: string[]; onlySql: string[]; otherRule: string[] } {
  const onlyJs = [...js.keys()].filter((key) => !sql.has(key)).sort()
  const onlySql = [...sql.keys()].filter((key) => !js.has(key)).sort()
  const otherRule = [...js].filter(([key, rule]) => sql.has(key) && sql.get(key) !== rule).map(([key]) => key).sort()
  return { onlyJs, onlySql, otherRule }
}

/** Connected components of pairs, as `id → smallest id of its group` (the SQL clusters' form). */
export function componentsOf(pairs: PairRules): Map<string, string> {
  const parent = new Map<string, string>()
  const find = (x: string): string => {
    let root = x
    while (parent.get(root) !== root) root = parent.get(root) as string
    parent.set(x, root)
    return root
  }
  for (const key of pairs.keys()) {
    const [a, b] = key.split('|') as [string, string]
    if (!parent.has(a)) parent.set(a, a)
    if (!parent.has(b)) parent.set(b, b)
    const ra = find(a)
    const rb = find(b)
    if (ra !== rb) parent.set(ra < rb ? rb : ra, ra < rb ? ra : rb)
  }
  return new Map([...parent.keys()].map((id) => [id, find(id)]))
}
