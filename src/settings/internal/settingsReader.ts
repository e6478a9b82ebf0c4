// Internal helpers of the settings parsers; not exported from the package.
import type { IssuePath } from '../../errors.js'
import { didYouMean, formatPath, type InputReader } from '../../internal/validate.js'

/**
 * Records an `invalid_value` issue for every key of `object` that is not in `known`, naming the closest known key
 * when it is near enough to be a typo (`autoCreateRecord` → `autoCreateRecords`).
 *
 * @example
 * rejectUnknownKeys(reader, { enabled: true, on: 1 }, new Set(['enabled']), ['duplicateDetection'])
 * reader.issues[0].path //=> ['duplicateDetection', 'on']
 */
export function rejectUnknownKeys(
  reader: InputReader,
  object: Readonly<Record<string, unknown>>,
  known: ReadonlySet<string>,
  path: IssuePath,
): void {
  for (const key of Object.keys(object)) {
    if (!known.has(key)) {
      const hint = didYouMean(key, [...known])
      const advice = hint === undefined ? 'remove it' : `did you mean "${hint}"?`
      reader.add(
        'invalid_value',
        [...path, key],
        `${formatPath([...path, key])} is not a setting; ${advice} (known: ${[...known].join(', ')})`,
      )
    }
  }
}
