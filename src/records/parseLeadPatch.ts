import { parseIntake, safeParseIntake, standardProps } from './internal/intake.js'
import { LEAD_INTAKE } from './internal/intakeKinds.js'
import type { LeadPatch, IntakeOptions, IntakeParser, IntakeResult } from './intakeTypes.js'

/**
 * Reads an edit to a lead from untrusted input: the user-editable fields to change, each blank value (`null`, `''`,
 * white space) a field to clear, absent fields unchanged; an `address` is patched part by part. State and system fields
 * are `forbidden_key`, unknown keys `unknown_key` unless `unknownKeys` says otherwise; every value is checked as
 * `parseLead` checks it. Apply it with {@link updateLead}.
 *
 * Also a Standard Schema v1 (`parseLeadPatch['~standard']`, default options).
 *
 * @param input - the untrusted value; it is never changed
 * @param options - `unknownKeys` (`'reject'`, `'keep'`, `'strip'`) and `coerce`
 * @returns the patch, deep-frozen, with `null` for each field to clear
 * @throws LeadkitError carrying every issue found (`code`, `path`, `message`)
 * @example
 * parseLeadPatch({ jobTitle: 'CTO', mobilePhone: '', address: { city: 'Paris' } })
 * //=> { jobTitle: 'CTO', mobilePhone: null, address: { city: 'Paris' } }
 */
export const parseLeadPatch: IntakeParser<LeadPatch> = Object.assign(
  (input: unknown, options?: IntakeOptions): LeadPatch => parseIntake<LeadPatch>(LEAD_INTAKE, 'patch', input, options),
  { '~standard': standardProps<LeadPatch>(LEAD_INTAKE, 'patch') },
)

/**
 * Like {@link parseLeadPatch}, but returns `{ success: true, data }` or `{ success: false, error, issues }`; it never
 * throws.
 *
 * @example
 * const result = safeParseLeadPatch({ state: 'inactive' })
 * result.success || result.error.path //=> ['state']
 */
export function safeParseLeadPatch(input: unknown, options?: IntakeOptions): IntakeResult<LeadPatch> {
  return safeParseIntake<LeadPatch>(LEAD_INTAKE, 'patch', input, options)
}
