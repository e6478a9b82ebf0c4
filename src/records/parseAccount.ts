import type { SafeParseResult } from '../errors.js'
import { safely } from '../internal/validate.js'
import type { ParseRecordOptions } from './bridgeTypes.js'
import { ACCOUNT_SPEC } from './internal/fieldSpecs.js'
import { readRecord } from './internal/readRecord.js'
import type { Account } from './types.js'

/**
 * Turns untrusted input (JSON from a form, a CSV row, an API payload) into a frozen {@link Account}.
 *
 * `name` is required (at most 160 characters); `state` defaults to `active`.
 * Unknown fields are kept under `extra`; absent fields produce no key. See `docs/records.md` for every rule.
 *
 * @param input - the untrusted value; it is never changed
 * @param options - `{ coerce: true }` for CSV rows, whose cells are all strings
 * @returns the deep-frozen record
 * @throws LeadkitError carrying every issue found (`code`, `path`, `message`)
 * @example
 * parseAccount({ id: 'x1', createdOn: '2026-03-01T09:30:00Z', modifiedOn: '2026-03-01T09:30:00Z', version: 1, name: 'Contoso', phone: '+1 555 0100' })
 * //=> { id: 'x1', …, name: 'Contoso', phone: '+1 555 0100', state: 'active' }
 */
export function parseAccount(input: unknown, options?: ParseRecordOptions): Account {
  return readRecord<Account>(ACCOUNT_SPEC, input, 'leadkit', options)
}

/**
 * Like {@link parseAccount}, but returns the outcome as a value instead of throwing.
 *
 * @example
 * const result = safeParseAccount({ id: '' })
 * result.success //=> false
 * result.success || result.issues[0]?.code //=> 'required'
 */
export function safeParseAccount(input: unknown, options?: ParseRecordOptions): SafeParseResult<Account> {
  return safely(() => parseAccount(input, options))
}
