import { LeadkitError, type IssuePath } from '../errors.js'
import { asLeadkitError, describe, formatPath, requireObject } from '../internal/validate.js'
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
  requireObject(compiled, ['compiled'], 'runDuplicateSql')
  requireObject(executor, ['executor'], 'runDuplicateSql')
  if (options !== undefined) requireObject(options, ['options'], 'runDuplicateSql')
  // The caller's objects are read once, before any SQL runs: a getter or proxy that throws fails the call as a
  // LeadkitError (issue 13). What the database throws later is the executor's, and is left as it is.
  let maxIterations: unknown
  let steps: CompiledStatements
  try {
    maxIterations = options?.maxIterations ?? 1000
    steps = readCompiled(compiled)
    if (typeof executor.run !== 'function' || typeof executor.count !== 'function') {
      const message =
        `runDuplicateSql needs executor to have run(sql) and count(sql) functions (got ${describe(executor)})`
      throw new LeadkitError({ code: 'invalid_type', path: ['executor'], message })
    }
  } catch (error) {
    throw asLeadkitError(error)
  }
  if (typeof maxIterations !== 'number' || !Number.isInteger(maxIterations) || maxIterations < 1) {
    const message = `maxIterations must be a whole number of 1 or more (got ${describe(maxIterations)})`
    throw new LeadkitError({ code: 'invalid_value', path: ['maxIterations'], message })
  }
  for (const sql of steps.statements) await executor.run(sql)
  for (const sql of steps.clustering.init) await executor.run(sql)
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
    for (const sql of steps.clustering.step) await executor.run(sql)
    const changed = await executor.count(steps.clustering.changed)
    for (const sql of steps.clustering.advance) await executor.run(sql)
    if (changed === 0) break
  }
  for (const sql of steps.clustering.finish) await executor.run(sql)
  const t = steps.tables
  return Object.freeze({
    pairs: await executor.count(`SELECT count(*) FROM ${t.pairs}`),
    clusters: await executor.count(`SELECT count(DISTINCT cluster_id) FROM ${t.clusters}`),
    clusteredRecords: await executor.count(`SELECT count(*) FROM ${t.clusters}`),
    iterations,
  })
}

/** What {@link runDuplicateSql} runs, copied out of `compiled` and checked to be SQL text. */
type CompiledStatements = Pick<CompiledDuplicateSql, 'statements' | 'clustering' | 'tables'>

function readCompiled(compiled: CompiledDuplicateSql): CompiledStatements {
  const clustering = compiled.clustering
  const tables = compiled.tables
  requireObject(clustering, ['compiled', 'clustering'], 'runDuplicateSql')
  requireObject(tables, ['compiled', 'tables'], 'runDuplicateSql')
  return {
    statements: textList(compiled.statements, ['compiled', 'statements']),
    clustering: {
      init: textList(clustering.init, ['compiled', 'clustering', 'init']),
      step: textList(clustering.step, ['compiled', 'clustering', 'step']),
      changed: text(clustering.changed, ['compiled', 'clustering', 'changed']),
      advance: textList(clustering.advance, ['compiled', 'clustering', 'advance']),
      finish: textList(clustering.finish, ['compiled', 'clustering', 'finish']),
    },
    tables: {
      ...tables,
      pairs: text(tables.pairs, ['compiled', 'tables', 'pairs']),
      clusters: text(tables.clusters, ['compiled', 'tables', 'clusters']),
    },
  }
}

function textList(value: unknown, path: IssuePath): readonly string[] {
  if (!Array.isArray(value) || !value.every((item) => typeof item === 'string')) {
    const message = `${formatPath(path)} must be a list of SQL statements: pass what compileDuplicateRules returned`
    throw new LeadkitError({ code: 'invalid_type', path, message })
  }
  return [...value]
}

function text(value: unknown, path: IssuePath): string {
  if (typeof value !== 'string') {
    const message = `${formatPath(path)} must be SQL text: pass what compileDuplicateRules returned`
    throw new LeadkitError({ code: 'invalid_type', path, message })
  }
  return value
}
