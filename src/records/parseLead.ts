import type { SafeParseResult } from '../errors.js'
import { safely } from '../internal/validate.js'
import type { ParseRecordOptions } from './bridgeTypes.js'
import { LEAD_SPEC } from './internal/fieldSpecs.js'
import { readRecord } from './internal/readRecord.js'
import type { Lead } from './types.js'

/**
 * Turns untrusted input (JSON from a form, a CSV row, an API payload) into a frozen {@link Lead}.
 *
 * Checks types, email format, option-set values, Dataverse column lengths (first and last name 50, email 100, …),
 * ISO instants, `__proto__`/`constructor` keys, and that the status reason belongs to the state; refuses ids over
 * 256 characters, NUL characters and lone surrogates, keys with "@" or "." under `extra` (OData annotation syntax)
 * and an `extra` beyond its limits (16 levels, 10,000 values, 1,048,576 characters). A missing status
 * reason defaults to the state's first one; a missing state is derived from the status reason; a lead with neither
 * is Open / New.
 * Unknown fields are kept under `extra`; absent fields produce no key. See `docs/records.md` for every rule.
 *
 * @param input - the untrusted value; it is never changed
 * @param options - `{ coerce: true }` for CSV rows, whose cells are all strings
 * @returns the deep-frozen record
 * @throws LeadkitError carrying every issue found (`code`, `path`, `message`)
 * @example
 * parseLead({ id: 'x1', createdOn: '2026-03-01T09:30:00Z', modifiedOn: '2026-03-01T09:30:00Z', version: 1, firstName: 'Ada', statusReason: 'contacted', utm: 'mail' })
 * //=> { id: 'x1', …, firstName: 'Ada', state: 'open', statusReason: 'contacted', extra: { utm: 'mail' } }
 */
export function parseLead(input: unknown, options?: ParseRecordOptions): Lead {
  return readRecord<Lead>(LEAD_SPEC, input, 'leadkit', options)
}

/**
 * Like {@link parseLead}, but returns the outcome as a value instead of throwing.
 *
 * @example
 * const result = safeParseLead({ id: '' })
 * result.success //=> false
 * result.success || result.issues[0]?.code //=> 'required'
 */
export function safeParseLead(input: unknown, options?: ParseRecordOptions): SafeParseResult<Lead> {
  return safely(() => parseLead(input, options))
}
