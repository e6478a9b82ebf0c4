import { LeadkitError } from '../errors.js'
import type { CompiledDuplicateSql } from './types.js'

/**
 * How {@link runDuplicateSql} talks to a database: run a statement, and read a count (one row, one number).
 *
 * @example
 * const executor: DuplicateSqlExecutor = {
 *   run: async (sql) => { await pglite.exec(sql) },
 *   count: async (sql) => Number(Object.values((await pglite.query(sql)).rows[0] ?? {})[0] ?? 0),
 * }
 */
export interface DuplicateSqlExecutor {
  run(sql: string): Promise<unknown>
  count(sql: string): Promise<number>
}

/**
 * What {@link runDuplicateSql} did.
 *
 * @example
 * const summary: DuplicateSqlSummary = { pairs: 120, clusters: 48, clusteredRecords: 170, iterations: 3 }
 */
export interface DuplicateSqlSummary {
  /** Pairs of duplicates found. */
  readonly pairs: number
  /** Duplicate groups. */
  readonly clusters: number
  /** Records in a group. */
  readonly clusteredRecords: number
  /** Label-propagation steps until no label changed. */
  readonly iterations: number
}

/**
 * Runs compiled duplicate rules on any engine: the statements, then the clustering loop until no label changes.
 * The results stay in the database, in `compiled.tables`; only counts come back.
 *
 * @param compiled - what {@link compileDuplicateRules} returned
 * @param executor - runs SQL on the database that holds the records
 * @param options - `maxIterations` bounds the clustering loop (default 1,000; a chain of pairs needs about
 *   log₂ of its length steps, thanks to the jump to a label's label)
 * @returns the numbers of pairs, groups, grouped records and clustering steps
 * @example
 * const compiled = compileDuplicateRules(rules, { dialect: 'postgres', table: 'leads' })
 * const summary = await runDuplicateSql(compiled, executor)
 * summary.pairs //=> 120
 */
export async function runDuplicateSql(
  compiled: CompiledDuplicateSql,
  executor: DuplicateSqlExecutor,
  options?: { readonly maxIterations?: number },
): Promise<DuplicateSqlSummary> {
  const maxIterations = options?.maxIterations ?? 1000
  if (!Number.isInteger(maxIterations) || maxIterations < 1) {
    throw new LeadkitError({ code: 'invalid_value', path: ['maxIterations'], message: `maxIterations must be a whole number of 1 or more (got ${String(maxIterations)})` })
  }
  for (const sql of compiled.statements) await executor.run(sql)
  for (const sql of compiled.clustering.init) await executor.run(sql)
  let iterations = 0
  for (;;) {
    if (iterations === maxIterations) {
      throw new LeadkitError({
        code: 'invalid_value',
        path: ['maxIterations'],
        message: `the clustering did not settle in ${maxIterations} steps: raise maxIterations`,
      })
    }
    iterations += 1
    for (const sql of compiled.clustering.step) await executor.run(sql)
    const changed = await executor.count(compiled.clustering.changed)
    for (const sql of compiled.clustering.advance) await executor.run(sql)
    if (changed === 0) break
  }
  for (const sql of compiled.clustering.finish) await executor.run(sql)
  const t = compiled.tables
  return Object.freeze({
    pairs: await executor.count(`SELECT count(*) FROM ${t.pairs}`),
    clusters: await executor.count(`SELECT count(DISTINCT cluster_id) FROM ${t.clusters}`),
    clusteredRecords: await executor.count(`SELECT count(*) FROM ${t.clusters}`),
    iterations,
  })
}
