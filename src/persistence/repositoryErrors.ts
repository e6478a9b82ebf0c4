import { LeadkitError } from '../errors.js'
import type { EntityName } from '../records/types.js'

/**
 * The `conflict` error a repository throws when a write meets a record that changed or already exists, so every
 * store reports it the same way.
 *
 * @example
 * versionConflict('lead', 'lead-1', 3, 4).code //=> 'conflict'
 */
export function versionConflict(
  entity: EntityName | 'executedPlan',
  id: string,
  expectedVersion: number | undefined,
  actualVersion: number | undefined,
): LeadkitError {
  const message =
    expectedVersion === undefined
      ? `${entity} ${id} already exists; use a new id or update the stored record`
      : `${entity} ${id} changed since it was read (expected version ${expectedVersion}, stored version ${actualVersion}); reload it and plan again`
  return new LeadkitError(
    { code: 'conflict', path: [], message },
    { details: { entity, id, expectedVersion, actualVersion } },
  )
}

/**
 * The `not_found` error a repository throws when a write refers to a record that does not exist.
 *
 * @example
 * recordNotFound('contact', 'contact-9').code //=> 'not_found'
 */
export function recordNotFound(entity: EntityName, id: string): LeadkitError {
  return new LeadkitError(
    { code: 'not_found', path: [], message: `${entity} ${id} does not exist; it may have been deleted, reload and plan again` },
    { details: { entity, id } },
  )
}

/**
 * The `invalid_value` error for a record a repository cannot store (no id, a version that is not a positive integer).
 *
 * @example
 * checkStorable('lead', { id: '', version: 1 }) // throws invalid_value at ['id']
 */
export function checkStorable(entity: EntityName, record: { readonly id?: unknown; readonly version?: unknown }): void {
  if (typeof record.id !== 'string' || record.id === '') {
    throw new LeadkitError({ code: 'invalid_value', path: ['id'], message: `a ${entity} needs a non-empty string id` })
  }
  if (typeof record.version !== 'number' || !Number.isInteger(record.version) || record.version < 1) {
    throw new LeadkitError({
      code: 'invalid_value',
      path: ['version'],
      message: `${entity} ${record.id} needs a version that is a whole number from 1 (got ${String(record.version)})`,
    })
  }
}
