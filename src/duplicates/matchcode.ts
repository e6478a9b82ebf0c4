import { isIsoInstant, asLeadkitError } from '../internal/validate.js'
import { readField } from './internal/readField.js'
import type { DuplicateRule, DuplicateRuleCondition, RecordSide } from './types.js'

const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/

/** A condition's value as text, or `null` when it is blank (absent, null, empty or only whitespace). */
function conditionText(value: unknown): string | null {
  if (typeof value === 'string') {
    const text = value.trim()
    return text === '' ? null : text
  }
  if ((typeof value === 'number' && Number.isFinite(value)) || typeof value === 'boolean') return String(value)
  return null
}

/** The code of one non-blank value under a condition, or `undefined` when the value cannot be compared. */
function conditionCode(text: string, raw: unknown, condition: DuplicateRuleCondition, caseSensitive: boolean): string | undefined {
  switch (condition.operator) {
    case 'exact':
      return caseSensitive ? text : text.toLowerCase()
    case 'same-first-characters': {
      const folded = caseSensitive ? text : text.toLowerCase()
      // Fewer than N characters: the whole value is compared.
      return folded.slice(0, condition.characters)
    }
    case 'same-last-characters': {
      const folded = caseSensitive ? text : text.toLowerCase()
      const n = condition.characters ?? folded.length
      return folded.length <= n ? folded : folded.slice(folded.length - n)
    }
    case 'same-date':
      if (ISO_DATE.test(text)) return text
      return isIsoInstant(text) ? new Date(text).toISOString().slice(0, 10) : undefined
    case 'same-date-time':
      return isIsoInstant(text) ? new Date(text).toISOString().slice(0, 19) : undefined
    case 'picklist-exact':
      // Option keys are exact identifiers: never case-folded.
      return typeof raw === 'string' ? raw : text
  }
}

/**
 * The matchcode of a record under a Dataverse rule: the codes of its conditions joined. Two records match the rule
 * when the base record's code equals the matching record's code. `undefined` means the record cannot match under
 * this rule: a blank value in a condition that ignores blanks (every single-condition rule does), or a value the
 * operator cannot read (a date operator on a value that is not an ISO date or instant).
 *
 * Operators: exact (trimmed; lower-cased unless the rule is case-sensitive); same first/last N characters (a value
 * shorter than N is compared whole); same date (the calendar date of the ISO instant in UTC; a plain `YYYY-MM-DD` is
 * taken as it is); same date and time (the instant in UTC, to the second); pick-list exact (the option key, always
 * case-sensitive). A blank value in a condition that does not ignore blanks matches another blank value.
 *
 * @param side - `base` reads the conditions' base fields, `matching` their matching fields
 * @example
 * const rule = parseDuplicateRule({ name: 'Same email', baseEntity: 'lead', conditions: [{ baseField: 'email', operator: 'exact' }] })
 * matchcode({ id: 'l1', email: ' Bob@Contoso.com' }, rule, 'base') //=> 'bob@contoso.com'
 * matchcode({ id: 'l2' }, rule, 'matching') //=> undefined
 */
export function matchcode(record: object, rule: DuplicateRule, side: RecordSide): string | undefined {
  try {
    return matchcodeUnguarded(record, rule, side)
  } catch (error) {
    // A getter or proxy that throws, or input too deep to copy, leaves as a LeadkitError (issue 13).
    throw asLeadkitError(error)
  }
}

function matchcodeUnguarded(record: object, rule: DuplicateRule, side: RecordSide): string | undefined {
  const conditions = rule.conditions
  if (conditions.length === 1) {
    const condition = conditions[0] as DuplicateRuleCondition
    const raw = readField(record, side === 'base' ? condition.baseField : condition.matchingField)
    const text = conditionText(raw)
    return text === null ? undefined : conditionCode(text, raw, condition, rule.caseSensitive)
  }
  let code = ''
  for (const condition of conditions) {
    const raw = readField(record, side === 'base' ? condition.baseField : condition.matchingField)
    const text = conditionText(raw)
    let part: string
    if (text === null) {
      if (condition.ignoreBlankValues) return undefined
      part = ''
    } else {
      const value = conditionCode(text, raw, condition, rule.caseSensitive)
      if (value === undefined) return undefined
      part = value
    }
    // Length-prefixed so that no two different value lists give the same code.
    code += `${part.length}:${part}|`
  }
  return code
}
