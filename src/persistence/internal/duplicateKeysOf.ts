import { LeadkitError } from '../../errors.js'
import { describe, unstorableText } from '../../internal/validate.js'
import type { RecordBase } from '../../records/types.js'
import type { DuplicateKeyedRecords, DuplicateKeysFunction } from '../types.js'
import { isStorableText } from '../../internal/storableText.js'

/**
 * The duplicate keys the host's function gives `record`, checked and copied: an array of strings a store can hold.
 * Every store calls the host's function through this, before it changes anything, so a function that throws or
 * returns something else leaves the store as it was. Internal to persistence (the PostgreSQL adapter uses it too).
 *
 * @throws whatever the host's function throws, unchanged; a `LeadkitError` (`invalid_type` / `invalid_format`)
 *   when what it returns is not a list of storable strings
 * @example
 * duplicateKeysOf(() => ['email:ada@example.com'], 'lead', lead) //=> ['email:ada@example.com'] (a copy)
 * duplicateKeysOf(() => 'email:ada@example.com', 'lead', lead) // throws invalid_type
 */
export function duplicateKeysOf(
  duplicateKeys: DuplicateKeysFunction<DuplicateKeyedRecords>,
  entity: 'lead' | 'account' | 'contact',
  record: RecordBase,
): readonly string[] {
  // Stores pass each record under its own entity: a lead as 'lead', and so on.
  const keys: unknown = duplicateKeys(entity, record as DuplicateKeyedRecords[typeof entity])
  if (!Array.isArray(keys)) {
    throw new LeadkitError({
      code: 'invalid_type',
      path: [],
      message: `duplicateKeys must return an array of strings for ${entity} ${record.id} (got ${describe(keys)})`,
    })
  }
  // A copy, so a host that reuses its array cannot change what a store believes a record is filed under. Copied
  // element by element into an array made here, never by keys.slice(): slice() builds its result with the array's
  // own constructor[Symbol.species] (or whatever an own `slice` returns), so a host's class could keep the copy and
  // change it after the checks below, or hand back something that is not an array. The checks run on the copy, so
  // what was checked is what is kept.
  const copy = copied(keys)
  for (let index = 0; index < copy.length; index += 1) {
    const key: unknown = copy[index]
    if (typeof key !== 'string') {
      throw new LeadkitError({
        code: 'invalid_type',
        path: [index],
        message: `duplicateKeys returned ${describe(key)} at [${index}] for ${entity} ${record.id}; keys are strings`,
      })
    }
    if (!isStorableText(key)) {
      throw new LeadkitError({
        code: 'invalid_format',
        path: [index],
        message: `duplicateKeys returned a key with ${unstorableText(key) ?? 'text'} at [${index}] for ${entity} ${record.id}`,
      })
    }
  }
  return copy as string[]
}

/** An element-by-element copy into a plain array, each element and the length read once. */
function copied(keys: readonly unknown[]): unknown[] {
  const length = keys.length
  const copy: unknown[] = []
  for (let index = 0; index < length; index += 1) copy.push(keys[index])
  return copy
}
