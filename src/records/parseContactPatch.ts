import { parseIntake, safeParseIntake, standardProps } from './internal/intake.js'
import { CONTACT_INTAKE } from './internal/intakeKinds.js'
import type { ContactPatch, IntakeOptions, IntakeParser, IntakeResult } from './intakeTypes.js'

/**
 * Reads an edit to a contact from untrusted input: the user-editable fields to change, each blank value (`null`, `''`,
 * white space) a field to clear, absent fields unchanged; an `address` is patched part by part. State and system fields
 * are `forbidden_key`, unknown keys `unknown_key` unless `unknownKeys` says otherwise; every value is checked as
 * `parseContact` checks it. `lastName` (at most 50 characters) is required and cannot be cleared. Apply it with {@link
 * updateContact}.
 *
 * Also a Standard Schema v1 (`parseContactPatch['~standard']`, default options).
 *
 * @param input - the untrusted value; it is never changed
 * @param options - `unknownKeys` (`'reject'`, `'keep'`, `'strip'`) and `coerce`
 * @returns the patch, deep-frozen, with `null` for each field to clear
 * @throws LeadkitError carrying every issue found (`code`, `path`, `message`)
 * @example
 * parseContactPatch({ jobTitle: 'Head of IT', firstName: null })
 * //=> { jobTitle: 'Head of IT', firstName: null }
 */
export const parseContactPatch: IntakeParser<ContactPatch> = Object.assign(
  (input: unknown, options?: IntakeOptions): ContactPatch =>
    parseIntake<ContactPatch>(CONTACT_INTAKE, 'patch', input, options),
  { '~standard': standardProps<ContactPatch>(CONTACT_INTAKE, 'patch') },
)

/**
 * Like {@link parseContactPatch}, but returns `{ success: true, data }` or `{ success: false, error, issues }`; it
 * never throws.
 *
 * @example
 * const result = safeParseContactPatch({ state: 'inactive' })
 * result.success || result.error.path //=> ['state']
 */
export function safeParseContactPatch(input: unknown, options?: IntakeOptions): IntakeResult<ContactPatch> {
  return safeParseIntake<ContactPatch>(CONTACT_INTAKE, 'patch', input, options)
}
