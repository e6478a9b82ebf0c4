/**
 * Types of the lead → account / contact / opportunity field mappings.
 */
import type { Lead } from '../records/types.js'

/**
 * The record types a lead's fields are mapped to when it is qualified.
 *
 * @example
 * const target: MappingTarget = 'contact'
 */
export type MappingTarget = 'account' | 'contact' | 'opportunity'

/**
 * One field map: copy the lead's `source` field into the target record's `target` field.
 * Paths use dots: `'firstName'`, `'address.city'`, or `'extra.<key>'` for a host's custom fields.
 *
 * @example
 * const map: FieldMap = { source: 'companyName', target: 'name', outOfTheBox: true }
 */
export interface FieldMap {
  /** A lead field path. */
  readonly source: string
  /** A field path of the target record. */
  readonly target: string
  /** Whether the product ships this map; out-of-the-box maps cannot be deleted or changed. */
  readonly outOfTheBox: boolean
}

/**
 * What a post-operation plugin on create would do: receives the fields the maps produced for a target record
 * (including `originatingLeadId`) and the originating lead, and returns the fields to use. It may replace values an
 * out-of-the-box map produced, add fields, or remove them, but must keep `originatingLeadId`.
 *
 * @example
 * const override: MappingOverride = (target, mapped, lead) =>
 *   target === 'account' ? { ...mapped, name: `${lead.companyName} (${lead.address?.country})` } : mapped
 */
export type MappingOverride = (
  target: MappingTarget,
  mapped: Readonly<Record<string, unknown>>,
  lead: Lead,
) => Readonly<Record<string, unknown>>

/**
 * The complete set of field maps per target: the out-of-the-box maps first, then the host's custom maps.
 * Build it with `createMappingSet`, which validates the custom maps and precompiles the set.
 *
 * @example
 * const set: MappingSet = createMappingSet({ custom: [{ source: 'extra.region', target: 'extra.region', targetType: 'opportunity' }] })
 * set.opportunity.at(-1) //=> { source: 'extra.region', target: 'extra.region', outOfTheBox: false }
 */
export interface MappingSet {
  readonly account: readonly FieldMap[]
  readonly contact: readonly FieldMap[]
  readonly opportunity: readonly FieldMap[]
  readonly override?: MappingOverride
}

/**
 * A custom map a host adds: which lead field goes to which field of which target record type.
 *
 * @example
 * const map: CustomFieldMap = { source: 'description', target: 'description', targetType: 'opportunity' }
 */
export interface CustomFieldMap {
  readonly source: string
  readonly target: string
  readonly targetType: MappingTarget
}

/**
 * Options of `createMappingSet`.
 *
 * @example
 * const options: MappingSetOptions = { custom: [{ source: 'industry', target: 'industry', targetType: 'account' }] }
 */
export interface MappingSetOptions {
  /** Custom maps, one flat list; each says its `targetType`. */
  readonly custom?: readonly CustomFieldMap[]
  /** The post-operation override, run by `mapLead` after the maps. */
  readonly override?: MappingOverride
}

/**
 * The fields `mapLead` produced for one new record, with the lead it came from.
 *
 * @example
 * const mapped: MappedRecord = { target: 'account', fields: { name: 'Contoso', originatingLeadId: 'lead-1' }, originatingLeadId: 'lead-1' }
 */
export interface MappedRecord {
  readonly target: MappingTarget
  /** Target-record field values: `address` as a nested object, custom targets under `extra`, plus `originatingLeadId`. */
  readonly fields: Readonly<Record<string, unknown>>
  readonly originatingLeadId: string
}

/**
 * The kind of value a field holds, for the compatibility check of custom maps. `option` fields must share the
 * option set, `lookup` fields the referenced table, `string` fields need a target at least as long as the source.
 *
 * @example
 * const spec: FieldSpec = { type: 'string', maxLength: 100 }
 */
export interface FieldSpec {
  readonly type: 'string' | 'number' | 'boolean' | 'date' | 'currency' | 'option' | 'lookup'
  /** Dataverse column length of a `string` field. */
  readonly maxLength?: number
  /** The option set of an `option` field, e.g. `industry`. */
  readonly optionSet?: string
  /** The table a `lookup` field refers to, e.g. `account` (`user` for owners). */
  readonly lookup?: string
}
