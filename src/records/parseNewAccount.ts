import { parseIntake, safeParseIntake, standardProps } from './internal/intake.js'
import { ACCOUNT_INTAKE } from './internal/intakeKinds.js'
import type { IntakeOptions, IntakeParser, IntakeResult, NewAccount } from './intakeTypes.js'

/**
 * Reads a new account from untrusted input (a form post, an API body): only the fields a person may set (see
 * `EditableAccountField`). `name` (at most 160 characters) is required and cannot be cleared. System and state fields
 * (`id`, `version`, `ownerId`, `state`, …) are `forbidden_key`; unknown keys are `unknown_key` unless `unknownKeys`
 * says to keep or strip them. Blank values (`null`, `''`, white space) mean "no value"; number and yes/no fields take
 * the text a form sends (`coerce`, on by default). Every value is checked as `parseAccount` checks it. Then {@link
 * createAccount} makes the record.
 *
 * Also a Standard Schema v1 (`parseNewAccount['~standard']`, default options), for frameworks that accept any schema.
 *
 * @param input - the untrusted value; it is never changed
 * @param options - `unknownKeys` (`'reject'`, `'keep'`, `'strip'`) and `coerce`
 * @returns the checked fields, deep-frozen
 * @throws LeadkitError carrying every issue found (`code`, `path`, `message`)
 * @example
 * parseNewAccount({ name: 'Contoso', numberOfEmployees: '250', website: '' })
 * //=> { name: 'Contoso', numberOfEmployees: 250 }
 */
export const parseNewAccount: IntakeParser<NewAccount> = Object.assign(
  (input: unknown, options?: IntakeOptions): NewAccount =>
    parseIntake<NewAccount>(ACCOUNT_INTAKE, 'new', input, options),
  { '~standard': standardProps<NewAccount>(ACCOUNT_INTAKE, 'new') },
)

/**
 * Like {@link parseNewAccount}, but returns `{ success: true, data }` or `{ success: false, error, issues }`; it never
 * throws.
 *
 * @example
 * const result = safeParseNewAccount({ version: 3 })
 * result.success //=> false
 * result.success || result.error.code //=> 'forbidden_key'
 */
export function safeParseNewAccount(input: unknown, options?: IntakeOptions): IntakeResult<NewAccount> {
  return safeParseIntake<NewAccount>(ACCOUNT_INTAKE, 'new', input, options)
}
