import { parseIntake, safeParseIntake, standardProps } from './internal/intake.js'
import { CONTACT_INTAKE } from './internal/intakeKinds.js'
import type { IntakeOptions, IntakeParser, IntakeResult, NewContact } from './intakeTypes.js'

/**
 * Reads a new contact from untrusted input (a form post, an API body): only the fields a person may set (see
 * `EditableContactField`). `lastName` (at most 50 characters) is required and cannot be cleared. System and state
 * fields (`id`, `version`, `ownerId`, `state`, …) are `forbidden_key`; unknown keys are `unknown_key` unless
 * `unknownKeys` says to keep or strip them. Blank values (`null`, `''`, white space) mean "no value"; number and yes/no
 * fields take the text a form sends (`coerce`, on by default). Every value is checked as `parseContact` checks it. Then
 * {@link createContact} makes the record.
 *
 * Also a Standard Schema v1 (`parseNewContact['~standard']`, default options), for frameworks that accept any schema.
 *
 * @param input - the untrusted value; it is never changed
 * @param options - `unknownKeys` (`'reject'`, `'keep'`, `'strip'`) and `coerce`
 * @returns the checked fields, deep-frozen
 * @throws LeadkitError carrying every issue found (`code`, `path`, `message`)
 * @example
 * parseNewContact({ firstName: 'Ada', lastName: 'Lovelace', mobilePhone: ' ' })
 * //=> { firstName: 'Ada', lastName: 'Lovelace' }
 */
export const parseNewContact: IntakeParser<NewContact> = Object.assign(
  (input: unknown, options?: IntakeOptions): NewContact =>
    parseIntake<NewContact>(CONTACT_INTAKE, 'new', input, options),
  { '~standard': standardProps<NewContact>(CONTACT_INTAKE, 'new') },
)

/**
 * Like {@link parseNewContact}, but returns `{ success: true, data }` or `{ success: false, error, issues }`; it never
 * throws.
 *
 * @example
 * const result = safeParseNewContact({ version: 3 })
 * result.success //=> false
 * result.success || result.error.code //=> 'forbidden_key'
 */
export function safeParseNewContact(input: unknown, options?: IntakeOptions): IntakeResult<NewContact> {
  return safeParseIntake<NewContact>(CONTACT_INTAKE, 'new', input, options)
}
