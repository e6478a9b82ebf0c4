/**
 * Checks of what a store hands back: a record or an executed plan's result read from a table that something other
 * than leadkit may have changed (a migration, a hand-edited row, a restore gone wrong). A corrupt row is refused
 * with a `LeadkitError` naming the table and id, never returned. Internal to persistence (the PostgreSQL adapter
 * uses it).
 */
import { isLeadkitError, LeadkitError, type IssuePath } from '../../errors.js'
import { describe } from '../../internal/validate.js'
import type { EntityName, RecordBase } from '../../records/types.js'
import { checkStorable } from '../repositoryErrors.js'
import type { PlanExecutionResult } from '../types.js'
import { checkPlainData } from './frozenCopy.js'

const PLAN_KINDS: readonly unknown[] = ['qualification', 'disqualification', 'reactivation', 'merge']
const CREATED_LISTS = ['opportunities', 'leads', 'notes', 'timelineEntries', 'all'] as const

function isObject(value: unknown): value is Readonly<Record<string, unknown>> {
  return value !== null && typeof value === 'object' && !Array.isArray(value)
}

function corrupt(where: string, path: IssuePath, problem: string, code: LeadkitError['code'] = 'invalid_value'): never {
  throw new LeadkitError(
    {
      code,
      path,
      message:
        `${where} is corrupt: ${problem}; it was changed outside leadkit — ` +
        'restore it from a backup or delete it',
    },
    { details: { where } },
  )
}

/** Runs `check`, rewording a LeadkitError it throws as the corruption of `where`. */
function within(where: string, check: () => void): void {
  try {
    check()
  } catch (error) {
    if (!isLeadkitError(error)) throw error
    corrupt(where, error.path, error.message, error.code)
  }
}

/**
 * Checks a record read back from a store: an object that {@link checkStorable} accepts, plain data without
 * prototype keys, whose id and version are those of the row it was read from.
 *
 * @param where - the row, for the message: `the lead row lead-1 of leadkit_lead`
 * @example
 * checkStoredRecord('lead', null, { id: 'lead-1', version: 1 }, 'the lead row lead-1 of leadkit_lead')
 * // throws invalid_type: the row holds null instead of a record
 */
export function checkStoredRecord(
  entity: EntityName,
  record: unknown,
  row: { readonly id: string; readonly version: number },
  where: string,
): asserts record is RecordBase {
  if (!isObject(record)) {
    corrupt(where, [], `it holds ${describe(record)} instead of a ${entity} record`, 'invalid_type')
  }
  within(where, () => {
    checkStorable(entity, record)
    checkPlainData(record)
  })
  if (record.id !== row.id) corrupt(where, ['id'], `its record has id ${describe(record.id)}`)
  if (record.version !== row.version) {
    corrupt(where, ['version'], `its record has version ${describe(record.version)}, its row version ${row.version}`)
  }
}

/**
 * Checks an executed plan's result read back from a store: the shape {@link PlanExecutionResult} has, for the plan
 * id it was stored under.
 *
 * @example
 * checkStoredResult(null, 'plan-1', 'the executed plan row plan-1') // throws invalid_type
 */
export function checkStoredResult(
  result: unknown,
  planId: string,
  where: string,
): asserts result is PlanExecutionResult {
  if (!isObject(result)) corrupt(where, [], `it holds ${describe(result)} instead of a plan result`, 'invalid_type')
  if (result.planId !== planId) corrupt(where, ['planId'], `its result is for plan ${describe(result.planId)}`)
  if (!PLAN_KINDS.includes(result.kind)) corrupt(where, ['kind'], `its kind is ${describe(result.kind)}`)
  const created = result.created
  if (!isObject(created)) corrupt(where, ['created'], `created is ${describe(created)}`, 'invalid_type')
  for (const list of CREATED_LISTS) {
    if (!Array.isArray(created[list])) {
      corrupt(where, ['created', list], `created.${list} is not a list`, 'invalid_type')
    }
  }
  if (!Array.isArray(result.updated)) corrupt(where, ['updated'], 'updated is not a list', 'invalid_type')
  if (!Array.isArray(result.linked)) corrupt(where, ['linked'], 'linked is not a list', 'invalid_type')
  if (typeof result.alreadyExecuted !== 'boolean') {
    corrupt(where, ['alreadyExecuted'], `alreadyExecuted is ${describe(result.alreadyExecuted)}`, 'invalid_type')
  }
  within(where, () => checkPlainData(result))
}
