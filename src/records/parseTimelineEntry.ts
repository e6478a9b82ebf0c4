import type { SafeParseResult } from '../errors.js'
import { safely } from '../internal/validate.js'
import type { ParseRecordOptions } from './bridgeTypes.js'
import { TIMELINE_ENTRY_SPEC } from './internal/fieldSpecs.js'
import { readRecord } from './internal/readRecord.js'
import type { TimelineEntry } from './types.js'

/**
 * Turns untrusted input (JSON from a form, a CSV row, an API payload) into a frozen {@link TimelineEntry}.
 *
 * `regarding`, `kind`, `title` and `body` are required; `data` may be any JSON value without prototype-polluting keys.
 * Unknown fields are kept under `extra`; absent fields produce no key. See `docs/records.md` for every rule.
 *
 * @param input - the untrusted value; it is never changed
 * @param options - `{ coerce: true }` for CSV rows, whose cells are all strings
 * @returns the deep-frozen record
 * @throws LeadkitError carrying every issue found (`code`, `path`, `message`)
 * @example
 * parseTimelineEntry({ id: 'x1', createdOn: '2026-03-01T09:30:00Z', modifiedOn: '2026-03-01T09:30:00Z', version: 1, regarding: { entity: 'lead', id: 'l1' }, kind: 'summary', title: 'Summary', body: 'Hot lead' })
 * //=> { id: 'x1', …, kind: 'summary', title: 'Summary', body: 'Hot lead' }
 */
export function parseTimelineEntry(input: unknown, options?: ParseRecordOptions): TimelineEntry {
  return readRecord<TimelineEntry>(TIMELINE_ENTRY_SPEC, input, 'leadkit', options)
}

/**
 * Like {@link parseTimelineEntry}, but returns the outcome as a value instead of throwing.
 *
 * @example
 * const result = safeParseTimelineEntry({ id: '' })
 * result.success //=> false
 * result.success || result.issues[0]?.code //=> 'required'
 */
export function safeParseTimelineEntry(input: unknown, options?: ParseRecordOptions): SafeParseResult<TimelineEntry> {
  return safely(() => parseTimelineEntry(input, options))
}
