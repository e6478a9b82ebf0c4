/**
 * Between the attribute names of Dataverse duplicate rule conditions (`emailaddress1`, `address1_city`,
 * `parentaccountid`) and leadkit's field paths (`email`, `address.city`, `existingAccountId`), by the bridge's field
 * specs; a custom column is `extra.<column>`, where `fromWebApiRow` keeps the columns named in `extraColumns`.
 */
import type { ConditionOperator, DuplicateEntity } from '../../../duplicates/types.js'
import { ADDRESS_FIELDS, DATAVERSE_SPECS, isPlainColumnName } from '../../../records/internal/fieldSpecs.js'

/** Dataverse's `operatorcode` of each condition operator (the Duplicate Rule Condition option set). */
export const OPERATOR_CODES: Readonly<Record<ConditionOperator, number>> = Object.freeze({
  exact: 0,
  'same-first-characters': 1,
  'same-last-characters': 2,
  'same-date': 3,
  'same-date-time': 4,
  // 5 is Exact Match (Pick List Label); leadkit compares an option set's key, which names one label and one value.
  'picklist-exact': 6,
})

/** The operator of an `operatorcode`, or `undefined` for a code leadkit does not run. */
export function operatorOf(code: unknown): ConditionOperator | undefined {
  if (code === 5) return 'picklist-exact'
  for (const [operator, value] of Object.entries(OPERATOR_CODES)) {
    if (value === code) return operator as ConditionOperator
  }
  return undefined
}

/** leadkit's field path of an attribute of `entity`, or `undefined` for a name that is not a column. */
export function fieldPathOf(entity: DuplicateEntity, attribute: string): string | undefined {
  for (const field of DATAVERSE_SPECS[entity].fields) {
    if (field.kind === 'address') continue
    if (field.column === attribute) return field.key
  }
  for (const part of ADDRESS_FIELDS) if (part.column === attribute) return `address.${part.key}`
  return isPlainColumnName(attribute) ? `extra.${attribute}` : undefined
}

/** The attribute of a leadkit field path of `entity`, or `undefined` for a path with no column. */
export function attributeOf(entity: DuplicateEntity, path: string): string | undefined {
  const [head, part, ...rest] = path.split('.')
  if (rest.length > 0 || head === undefined) return undefined
  if (head === 'extra') return part !== undefined && isPlainColumnName(part) ? part : undefined
  if (head === 'address') return ADDRESS_FIELDS.find((field) => field.key === part)?.column
  if (part !== undefined) return undefined
  const field = DATAVERSE_SPECS[entity].fields.find((candidate) => candidate.key === head)
  return field === undefined || field.kind === 'address' || field.kind === 'ref' ? undefined : field.column
}
