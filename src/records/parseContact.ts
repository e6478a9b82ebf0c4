import type { SafeParseResult } from '../errors.js'
import { safely } from '../internal/validate.js'
import type { ParseRecordOptions } from './bridgeTypes.js'
import { CONTACT_SPEC } from './internal/fieldSpecs.js'
import { readRecord } from './internal/readRecord.js'
import type { Contact } from './types.js'

/**
 * Turns untrusted input (JSON from a form, a CSV row, an API payload) into a frozen {@link Contact}.
 *
 * `lastName` is required (at most 50 characters); `state` defaults to `active`.
 * Unknown fields are kept under `extra`; absent fields produce no key. See `docs/records.md` for every rule.
 *
 * @param input - the untrusted value; it is never changed
 * @param options - `{ coerce: true }` for CSV rows, whose cells are all strings
 * @returns the deep-frozen record
 * @throws LeadkitError carrying every issue found (`code`, `path`, `message`)
 * @example
 * parseContact({ id: 'x1', createdOn: '2026-03-01T09:30:00Z', modifiedOn: '2026-03-01T09:30:00Z', version: 1, lastName: 'Lovelace', email: 'ada@contoso.com' })
 * //=> { id: 'x1', …, lastName: 'Lovelace', email: 'ada@contoso.com', state: 'active' }
 */
export function parseContact(input: unknown, options?: ParseRecordOptions): Contact {
  return readRecord<Contact>(CONTACT_SPEC, input, 'leadkit', options)
}

/**
 * Like {@link parseContact}, but returns the outcome as a value instead of throwing.
 *
 * @example
 * const result = safeParseContact({ id: '' })
 * result.success //=> false
 * result.success || result.issues[0]?.code //=> 'required'
 */
export function safeParseContact(input: unknown, options?: ParseRecordOptions): SafeParseResult<Contact> {
  return safely(() => parseContact(input, options))
}
