/**
 * Turns leadkit field values into Web API columns: lookups as `navigation@odata.bind`, option sets as their codes,
 * the address as `address1_*` columns, JSON values as text. Create payloads, update payloads (by diff or by a plan's
 * patches) and `$batch` parts are all built from these entries.
 */
import { LeadkitError } from '../../../errors.js'
import { FORBIDDEN_KEYS } from '../../../internal/keys.js'
import { describe } from '../../../internal/validate.js'
import { ADDRESS_FIELDS, columnsOf, isPlainColumnName, type FieldSpec } from '../../../records/internal/fieldSpecs.js'
import type { EntityName, EntityRef } from '../../../records/types.js'
import type { WebApiOptions } from '../types.js'
import {
  ENTITY_SET_OF,
  LOGICAL_NAME_OF,
  REGARDING_ENTITIES,
  SYSTEM_COLUMNS,
  regardingColumnOf,
  requireGuid,
  type LookupSpec,
  type WebApiTable,
} from './tables.js'

type Path = readonly (string | number)[]

/** One key of a payload; `group` ties the navigation properties of one polymorphic lookup together. */
export interface Entry {
  readonly key: string
  readonly value: unknown
  readonly group: string
}

/** Resolves a reference to a record into an `@odata.bind` value (`/accounts(<guid>)`, or `$1` inside a batch). */
export type Resolve = (entity: EntityName, id: string, path: Path) => string

/** What every entry builder needs. */
export interface ColumnContext {
  readonly table: WebApiTable
  readonly options: WebApiOptions
  readonly resolve: Resolve
  /** The Dataverse id of a record a JSON list refers to (inside a batch, a created record's id is assigned). */
  readonly refId?: (entity: EntityName, id: string) => string
}

/** The default resolver: the id must be a GUID, bound by entity set. */
export const bindByGuid: Resolve = (entity, id, path) =>
  `/${ENTITY_SET_OF[entity]}(${requireGuid(id, path, `the ${entity} id`)})`

function lookupOf(table: WebApiTable, key: string): LookupSpec | undefined {
  for (const lookup of table.lookups) if (lookup.key === key) return lookup
  return undefined
}

function bindLookup(ctx: ColumnContext, lookup: LookupSpec, value: unknown, path: Path): string {
  if (lookup.target === 'owner') {
    return `/${ctx.options.ownerEntitySet ?? 'systemusers'}(${requireGuid(value, path, 'ownerId')})`
  }
  if (lookup.target === 'currency') {
    const code = String(value)
    const id = ctx.options.currencyIds !== undefined && Object.hasOwn(ctx.options.currencyIds, code)
      ? ctx.options.currencyIds[code]
      : undefined
    if (id === undefined) {
      throw new LeadkitError({
        code: 'invalid_value',
        path,
        message:
          `no transactioncurrencyid for currency ${describe(value)}: pass options.currencyIds.${code.slice(0, 8)} ` +
          '(read the ids once with GET transactioncurrencies?$select=isocurrencycode)',
      })
    }
    return `/transactioncurrencies(${requireGuid(id, ['currencyIds', code], `currencyIds.${code}`)})`
  }
  if (typeof value !== 'string') {
    const message = `${path.join('.')} must be an id string (got ${describe(value)})`
    throw new LeadkitError({ code: 'invalid_type', path, message })
  }
  return ctx.resolve(lookup.target, value, path)
}

function regardingEntries(ctx: ColumnContext, value: unknown, path: Path): Entry[] {
  const column = regardingColumnOf(ctx.table.entity)
  if (value === undefined) return []
  const ref = value as EntityRef
  if (!REGARDING_ENTITIES.includes(ref.entity)) {
    throw new LeadkitError({
      code: 'invalid_value',
      path: [...path, 'entity'],
      message:
        `a ${ctx.table.entity} can be regarding ${REGARDING_ENTITIES.join(', ')} in Dataverse, ` +
        `not ${describe(ref.entity)}`,
    })
  }
  const navigation = `${column}_${LOGICAL_NAME_OF[ref.entity]}`
  return [{ key: `${navigation}@odata.bind`, value: ctx.resolve(ref.entity, ref.id, [...path, 'id']), group: column }]
}

/**
 * The payload entries of one field. `value === undefined` means the field is cleared (an update's removal): every
 * column of the field becomes `null`, and a lookup's binding `null`, which is how the Web API disassociates it.
 */
export function fieldEntries(ctx: ColumnContext, field: FieldSpec, value: unknown, path: Path): Entry[] {
  const column = field.column
  if (field.key === 'id' || SYSTEM_COLUMNS.has(column)) return []
  const lookup = lookupOf(ctx.table, field.key)
  if (lookup !== undefined) {
    const key = `${lookup.navigation}@odata.bind`
    return [{ key, value: value === undefined ? null : bindLookup(ctx, lookup, value, path), group: lookup.column }]
  }
  switch (field.kind) {
    case 'ref':
      return regardingEntries(ctx, value, path)
    case 'address': {
      const address = (value ?? {}) as Readonly<Record<string, unknown>>
      return ADDRESS_FIELDS.map((part) => ({ key: part.column, value: address[part.key] ?? null, group: part.column }))
    }
    case 'option': {
      if (value === undefined) return [{ key: column, value: null, group: column }]
      const code = Object.hasOwn(field.codes, String(value)) ? field.codes[String(value)] : undefined
      if (code === undefined) {
        throw new LeadkitError({
          code: 'invalid_value',
          path,
          message:
            `${describe(value)} is not a value of ${field.key}: ` +
            `use one of ${Object.keys(field.codes).join(', ')}`,
        })
      }
      return [{ key: column, value: code, group: column }]
    }
    case 'refs': {
      if (value === undefined) return [{ key: column, value: null, group: column }]
      const refId = ctx.refId
      const refs = refId === undefined
        ? value
        : (value as readonly EntityRef[]).map((ref) => ({ entity: ref.entity, id: refId(ref.entity, ref.id) }))
      return [{ key: column, value: JSON.stringify(refs), group: column }]
    }
    case 'attachments':
    case 'json':
      // The Web API has no array columns: leadkit's own list columns hold JSON text.
      return [{ key: column, value: value === undefined ? null : JSON.stringify(value), group: column }]
    default:
      return [{ key: column, value: value ?? null, group: column }]
  }
}

/** The entries of a record's `extra`: each key a column of its own, checked as the bridge checks it. */
export function extraEntries(ctx: ColumnContext, extra: unknown, path: Path): Entry[] {
  if (extra === undefined || extra === null) return []
  const entries: Entry[] = []
  const columns = columnsOf(ctx.table.spec)
  for (const [key, value] of Object.entries(extra as Record<string, unknown>)) {
    entries.push(extraEntry(ctx, columns, key, value, [...path, key]))
  }
  return entries
}

/** One `extra` column, refused when it would overwrite a mapped column or is not a plain logical name. */
export function extraEntry(
  ctx: ColumnContext,
  columns: ReadonlySet<string>,
  key: string,
  value: unknown,
  path: Path,
): Entry {
  if (FORBIDDEN_KEYS.has(key) || !isPlainColumnName(key) || key.startsWith('_')) {
    throw new LeadkitError({
      code: 'invalid_value',
      path,
      message:
        `extra.${key.slice(0, 40)} cannot be a Dataverse column: ` +
        'logical names are lower-case letters, digits and _',
    })
  }
  if (columns.has(key) || key === ctx.table.primaryKey) {
    throw new LeadkitError({
      code: 'invalid_combination',
      path,
      message: `extra.${key} would overwrite the ${ctx.table.entity} column "${key}": set the field itself`,
    })
  }
  return { key, value: value ?? null, group: key }
}

/** Every entry of a whole (validated) record, in field order; absent fields give none. */
export function recordEntries(ctx: ColumnContext, record: Readonly<Record<string, unknown>>): Entry[] {
  const entries: Entry[] = []
  for (const field of ctx.table.spec.fields) {
    const value = record[field.key]
    if (value === undefined) continue
    entries.push(...fieldEntries(ctx, field, value, [field.key]))
  }
  entries.push(...extraEntries(ctx, record.extra, ['extra']))
  return entries
}

/** The spec field named `key`, if any. */
export function fieldOf(table: WebApiTable, key: string): FieldSpec | undefined {
  for (const field of table.spec.fields) if (field.key === key) return field
  return undefined
}

/** Builds a plain payload object from entries (later entries win). */
export function toPayload(entries: readonly Entry[]): Record<string, unknown> {
  const payload: Record<string, unknown> = {}
  for (const entry of entries) payload[entry.key] = entry.value
  return payload
}
