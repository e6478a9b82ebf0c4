import type { SafeParseResult } from '../errors.js'
import { safely } from '../internal/validate.js'
import type { ParseRecordOptions } from './bridgeTypes.js'
import { OPPORTUNITY_SPEC } from './internal/fieldSpecs.js'
import { readRecord } from './internal/readRecord.js'
import type { Opportunity } from './types.js'

/**
 * Turns untrusted input (JSON from a form, a CSV row, an API payload) into a frozen {@link Opportunity}.
 *
 * `topic` is required (at most 300 characters); `estimatedCloseDate` is a date `YYYY-MM-DD`; `state` defaults to `open`.
 * Unknown fields are kept under `extra`; absent fields produce no key. See `docs/records.md` for every rule.
 *
 * @param input - the untrusted value; it is never changed
 * @param options - `{ coerce: true }` for CSV rows, whose cells are all strings
 * @returns the deep-frozen record
 * @throws LeadkitError carrying every issue found (`code`, `path`, `message`)
 * @example
 * parseOpportunity({ id: 'x1', createdOn: '2026-03-01T09:30:00Z', modifiedOn: '2026-03-01T09:30:00Z', version: 1, topic: 'Renewal', estimatedCloseDate: '2026-06-30' })
 * //=> { id: 'x1', …, topic: 'Renewal', estimatedCloseDate: '2026-06-30', state: 'open' }
 */
export function parseOpportunity(input: unknown, options?: ParseRecordOptions): Opportunity {
  return readRecord<Opportunity>(OPPORTUNITY_SPEC, input, 'leadkit', options)
}

/**
 * Like {@link parseOpportunity}, but returns the outcome as a value instead of throwing.
 *
 * @example
 * const result = safeParseOpportunity({ id: '' })
 * result.success //=> false
 * result.success || result.issues[0]?.code //=> 'required'
 */
export function safeParseOpportunity(input: unknown, options?: ParseRecordOptions): SafeParseResult<Opportunity> {
  return safely(() => parseOpportunity(input, options))
}
