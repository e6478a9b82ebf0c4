import { fromDataverse, safeParseLead, type Lead } from '../records/index.js'
import { setPath, type ColumnPlan } from './columns.js'

/** Why one row was refused: the column (when one is to blame), the code and the parser's message. */
export interface RowIssue {
  readonly column: string
  readonly code: string
  readonly message: string
}

export type RowResult = { readonly lead: Lead } | { readonly issues: readonly RowIssue[] }

/**
 * Reads one CSV row as a lead through the public parsers: parseLead with `coerce` (a CSV cell is a string), and
 * fromDataverse for Dataverse columns that are codes (`statecode`, `statuscode`, `leadsourcecode`). A blank cell
 * is no value. A file without `createdOn`, `modifiedOn` or `version` columns gets the run's instant and version 1,
 * which the rules never read.
 */
export function rowToLead(plan: ColumnPlan, cells: readonly string[], now: string): RowResult {
  if (cells.length !== plan.headers.length) {
    return {
      issues: [{ column: '', code: 'invalid_format', message: `the row has ${cells.length} cells; the header has ${plan.headers.length}` }],
    }
  }
  const input: Record<string, unknown> = { createdOn: now, modifiedOn: now, version: 1 }
  let coded: Record<string, unknown> | undefined
  plan.targets.forEach((target, index) => {
    const value = cells[index] as string
    if (value === '') return
    if (target.kind === 'field') setPath(input, target.path, value)
    else if (target.kind === 'dataverse') (coded ??= {})[target.column] = value
  })
  if (coded !== undefined) {
    try {
      const converted = fromDataverse({ leadid: 'row', createdon: now, modifiedon: now, versionnumber: 1, ...coded }, 'lead', { coerce: true })
      for (const [key, value] of Object.entries(converted)) {
        if (['id', 'createdOn', 'modifiedOn', 'version', 'extra'].includes(key) || key in input) continue
        input[key] = value
      }
    } catch (error) {
      return { issues: issuesOf(plan, error) }
    }
  }
  const result = safeParseLead(input, { coerce: true })
  if (result.success) return { lead: result.value }
  return { issues: issuesOf(plan, result.error) }
}

function issuesOf(plan: ColumnPlan, error: unknown): RowIssue[] {
  const issues = (error as { issues?: readonly { code: string; path: readonly (string | number)[]; message: string }[] }).issues
  if (issues === undefined) return [{ column: '', code: 'invalid_value', message: error instanceof Error ? error.message : String(error) }]
  return issues.map((issue) => {
    const path = issue.path.join('.')
    const column = plan.fieldColumns.get(path) ?? (plan.headers.includes(path) ? path : '')
    return { column, code: issue.code, message: issue.message }
  })
}
