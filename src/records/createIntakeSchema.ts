import { LeadkitError } from '../errors.js'
import { parseIntake, safeParseIntake, standardProps, type IntakeMode } from './internal/intake.js'
import { ACCOUNT_INTAKE, CONTACT_INTAKE, LEAD_INTAKE } from './internal/intakeKinds.js'
import type {
  AccountPatch,
  ContactPatch,
  IntakeOptions,
  IntakeSchema,
  LeadPatch,
  NewAccount,
  NewContact,
  NewLead,
} from './intakeTypes.js'

/**
 * What each intake schema reads, by record type and mode.
 *
 * @example
 * const draft: IntakeOutputs['lead']['new'] = { lastName: 'Lovelace' }
 */
export interface IntakeOutputs {
  readonly lead: { readonly new: NewLead; readonly patch: LeadPatch }
  readonly account: { readonly new: NewAccount; readonly patch: AccountPatch }
  readonly contact: { readonly new: NewContact; readonly patch: ContactPatch }
}

const KINDS = { lead: LEAD_INTAKE, account: ACCOUNT_INTAKE, contact: CONTACT_INTAKE } as const

/**
 * An intake parser bound to options, as a Standard Schema v1 with `parse` and `safeParse`: for a framework that takes
 * a schema object and no options (a Hono or tRPC validator, a form library) when the defaults do not fit.
 *
 * @param entity - `'lead'`, `'account'` or `'contact'`
 * @param mode - `'new'` for a record to create, `'patch'` for an edit
 * @param options - as for {@link parseNewLead}; checked here, once
 * @returns the schema; it holds the options it was made with
 * @throws LeadkitError for an unknown entity, mode or option
 * @example
 * const schema = createIntakeSchema('lead', 'new', { unknownKeys: 'strip' })
 * schema.parse({ lastName: 'Lovelace', utm_source: 'mail' }) //=> { lastName: 'Lovelace' }
 * schema['~standard'].validate({ lastName: 'Lovelace' }) //=> { value: { lastName: 'Lovelace' } }
 */
export function createIntakeSchema<E extends keyof IntakeOutputs, M extends IntakeMode>(
  entity: E,
  mode: M,
  options?: IntakeOptions,
): IntakeSchema<IntakeOutputs[E][M]> {
  if (typeof entity !== 'string' || !Object.hasOwn(KINDS, entity)) {
    const message = 'entity must be "lead", "account" or "contact"'
    throw new LeadkitError({ code: 'invalid_value', path: ['entity'], message })
  }
  if (mode !== 'new' && mode !== 'patch') {
    throw new LeadkitError({ code: 'invalid_value', path: ['mode'], message: 'mode must be "new" or "patch"' })
  }
  type Output = IntakeOutputs[E][M]
  const kind = KINDS[entity]
  // The options are checked now, on an empty input, so a bad option fails where the schema is made.
  const probe = safeParseIntake(kind, 'patch', {}, options)
  if (!probe.success) throw probe.error
  const fixed: IntakeOptions = Object.freeze({ unknownKeys: options?.unknownKeys, coerce: options?.coerce })
  return Object.freeze({
    parse: (input: unknown): Output => parseIntake<Output>(kind, mode, input, fixed),
    safeParse: (input: unknown) => safeParseIntake<Output>(kind, mode, input, fixed),
    '~standard': standardProps<Output>(kind, mode, fixed),
  })
}
