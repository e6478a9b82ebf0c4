import { parseIntake, safeParseIntake, standardProps } from './internal/intake.js'
import { LEAD_INTAKE } from './internal/intakeKinds.js'
import type { IntakeOptions, IntakeParser, IntakeResult, NewLead } from './intakeTypes.js'

/**
 * Reads a new lead from untrusted input (a form post, an API body): only the fields a person may set (see
 * `EditableLeadField`). System and state fields (`id`, `version`, `ownerId`, `state`, …) are `forbidden_key`; unknown
 * keys are `unknown_key` unless `unknownKeys` says to keep or strip them. Blank values (`null`, `''`, white space) mean
 * "no value"; number and yes/no fields take the text a form sends (`coerce`, on by default). Every value is checked as
 * `parseLead` checks it. Then {@link createLead} makes the record.
 *
 * Also a Standard Schema v1 (`parseNewLead['~standard']`, default options), for frameworks that accept any schema.
 *
 * @param input - the untrusted value; it is never changed
 * @param options - `unknownKeys` (`'reject'`, `'keep'`, `'strip'`) and `coerce`
 * @returns the checked fields, deep-frozen
 * @throws LeadkitError carrying every issue found (`code`, `path`, `message`)
 * @example
 * parseNewLead({ firstName: 'Ada', lastName: 'Lovelace', numberOfEmployees: '120', jobTitle: '' })
 * //=> { firstName: 'Ada', lastName: 'Lovelace', numberOfEmployees: 120 }
 * parseNewLead({ lastName: 'Lovelace', state: 'qualified' }) // throws LeadkitError forbidden_key at ['state']
 */
export const parseNewLead: IntakeParser<NewLead> = Object.assign(
  (input: unknown, options?: IntakeOptions): NewLead => parseIntake<NewLead>(LEAD_INTAKE, 'new', input, options),
  { '~standard': standardProps<NewLead>(LEAD_INTAKE, 'new') },
)

/**
 * Like {@link parseNewLead}, but returns `{ success: true, data }` or `{ success: false, error, issues }`; it never
 * throws.
 *
 * @example
 * const result = safeParseNewLead({ version: 3 })
 * result.success //=> false
 * result.success || result.error.code //=> 'forbidden_key'
 */
export function safeParseNewLead(input: unknown, options?: IntakeOptions): IntakeResult<NewLead> {
  return safeParseIntake<NewLead>(LEAD_INTAKE, 'new', input, options)
}
