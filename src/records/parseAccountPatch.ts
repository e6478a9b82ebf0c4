import { parseIntake, safeParseIntake, standardProps } from './internal/intake.js'
import { ACCOUNT_INTAKE } from './internal/intakeKinds.js'
import type { AccountPatch, IntakeOptions, IntakeParser, IntakeResult } from './intakeTypes.js'

/**
 * Reads an edit to an account from untrusted input: the user-editable fields to change, each blank value (`null`, `''`,
 * white space) a field to clear, absent fields unchanged; an `address` is patched part by part. State and system fields
 * are `forbidden_key`, unknown keys `unknown_key` unless `unknownKeys` says otherwise; every value is checked as
 * `parseAccount` checks it. `name` (at most 160 characters) is required and cannot be cleared. Apply it with {@link
 * updateAccount}.
 *
 * Also a Standard Schema v1 (`parseAccountPatch['~standard']`, default options).
 *
 * @param input - the untrusted value; it is never changed
 * @param options - `unknownKeys` (`'reject'`, `'keep'`, `'strip'`) and `coerce`
 * @returns the patch, deep-frozen, with `null` for each field to clear
 * @throws LeadkitError carrying every issue found (`code`, `path`, `message`)
 * @example
 * parseAccountPatch({ phone: '+1 555 0100', website: null })
 * //=> { phone: '+1 555 0100', website: null }
 */
export const parseAccountPatch: IntakeParser<AccountPatch> = Object.assign(
  (input: unknown, options?: IntakeOptions): AccountPatch =>
    parseIntake<AccountPatch>(ACCOUNT_INTAKE, 'patch', input, options),
  { '~standard': standardProps<AccountPatch>(ACCOUNT_INTAKE, 'patch') },
)

/**
 * Like {@link parseAccountPatch}, but returns `{ success: true, data }` or `{ success: false, error, issues }`; it
 * never throws.
 *
 * @example
 * const result = safeParseAccountPatch({ state: 'inactive' })
 * result.success || result.error.path //=> ['state']
 */
export function safeParseAccountPatch(input: unknown, options?: IntakeOptions): IntakeResult<AccountPatch> {
  return safeParseIntake<AccountPatch>(ACCOUNT_INTAKE, 'patch', input, options)
}
