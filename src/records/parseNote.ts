import type { SafeParseResult } from '../errors.js'
import { safely } from '../internal/validate.js'
import type { ParseRecordOptions } from './bridgeTypes.js'
import { NOTE_SPEC } from './internal/fieldSpecs.js'
import { readRecord } from './internal/readRecord.js'
import type { Note } from './types.js'

/**
 * Turns untrusted input (JSON from a form, a CSV row, an API payload) into a frozen {@link Note}.
 *
 * `regarding` is required; `attachments` (file metadata) defaults to an empty list.
 * Unknown fields are kept under `extra`; absent fields produce no key. See `docs/records.md` for every rule.
 *
 * @param input - the untrusted value; it is never changed
 * @param options - `{ coerce: true }` for CSV rows, whose cells are all strings
 * @returns the deep-frozen record
 * @throws LeadkitError carrying every issue found (`code`, `path`, `message`)
 * @example
 * parseNote({ id: 'x1', createdOn: '2026-03-01T09:30:00Z', modifiedOn: '2026-03-01T09:30:00Z', version: 1, regarding: { entity: 'lead', id: 'l1' }, text: 'Called' })
 * //=> { id: 'x1', …, regarding: { entity: 'lead', id: 'l1' }, text: 'Called', attachments: [] }
 */
export function parseNote(input: unknown, options?: ParseRecordOptions): Note {
  return readRecord<Note>(NOTE_SPEC, input, 'leadkit', options)
}

/**
 * Like {@link parseNote}, but returns the outcome as a value instead of throwing.
 *
 * @example
 * const result = safeParseNote({ id: '' })
 * result.success //=> false
 * result.success || result.issues[0]?.code //=> 'required'
 */
export function safeParseNote(input: unknown, options?: ParseRecordOptions): SafeParseResult<Note> {
  return safely(() => parseNote(input, options))
}
