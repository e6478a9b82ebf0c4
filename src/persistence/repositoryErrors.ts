import { LeadkitError } from '../errors.js'
import { asLeadkitError, describe, requireObject } from '../internal/validate.js'

/** A value for a message: a short string as it is, anything else described (never a 1 MB echo, never a throw). */
function text(value: unknown): string {
  return typeof value === 'string' && value.length <= 256 ? value : describe(value)
}
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
  const [entityText, idText, expected, actual] = [entity, id, expectedVersion, actualVersion].map(text)
  const message =
    expectedVersion === undefined
      ? `${entityText} ${idText} already exists; use a new id or update the stored record`
      : `${entityText} ${idText} changed since it was read (expected version ${expected}, stored version ${actual}); ` +
        'reload it and plan again'
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
    {
      code: 'not_found',
      path: [],
      message: `${text(entity)} ${text(id)} does not exist; it may have been deleted, reload and plan again`,
    },
    { details: { entity, id } },
  )
}

const ENTITIES: readonly unknown[] = ['lead', 'account', 'contact', 'opportunity', 'note', 'timelineEntry']

/**
 * The `invalid_value` error for a record a repository cannot store: not an object, no id, a version that is not a
 * positive integer, or (for a note or a timeline entry) a `regarding` or `visibleOn` entry that is not a reference
 * `{ entity, id }` — what a store files the record under, so a bad one must be refused before anything is written.
 *
 * @example
 * checkStorable('lead', { id: '', version: 1 }) // throws invalid_value at ['id']
 * checkStorable('note', { id: 'n-1', version: 1, regarding: null }) // throws invalid_value at ['regarding']
 */
export function checkStorable(entity: EntityName, record: { readonly id?: unknown; readonly version?: unknown }): void {
  requireObject(record, ['record'], 'checkStorable')
  let id: unknown
  let version: unknown
  try {
    ;({ id, version } = record)
  } catch (error) {
    throw asLeadkitError(error, ['record'])
  }
  if (typeof id !== 'string' || id === '') {
    const message = `a ${text(entity)} needs a non-empty string id`
    throw new LeadkitError({ code: 'invalid_value', path: ['id'], message })
  }
  if (typeof version !== 'number' || !Number.isInteger(version) || version < 1) {
    throw new LeadkitError({
      code: 'invalid_value',
      path: ['version'],
      message: `${text(entity)} ${text(id)} needs a version that is a whole number from 1 (got ${describe(version)})`,
    })
  }
  if (entity === 'note' || entity === 'timelineEntry') {
    const { regarding, visibleOn } = record as { readonly regarding?: unknown; readonly visibleOn?: unknown }
    checkRef(entity, id, regarding, ['regarding'])
    if (entity === 'note' && visibleOn !== undefined) {
      if (!Array.isArray(visibleOn)) {
        const message = `${entity} ${id} needs visibleOn to be a list of references { entity, id }`
        throw new LeadkitError({ code: 'invalid_value', path: ['visibleOn'], message })
      }
      for (let index = 0; index < visibleOn.length; index += 1) {
        checkRef(entity, id, visibleOn[index], ['visibleOn', index])
      }
    }
  }
}

function checkRef(entity: EntityName, id: string, ref: unknown, path: readonly (string | number)[]): void {
  const fields = ref as { readonly entity?: unknown; readonly id?: unknown } | null | undefined
  if (typeof fields?.id === 'string' && fields.id !== '' && ENTITIES.includes(fields.entity)) return
  throw new LeadkitError({
    code: 'invalid_value',
    path,
    message:
      `${entity} ${id} needs ${path.join('.')} to be a reference { entity, id } to a record ` +
      `(entity one of ${ENTITIES.join(', ')})`,
  })
}
