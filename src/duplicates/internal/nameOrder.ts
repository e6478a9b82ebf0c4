import { givenNameGroups, type Lookup } from '../nicknames.js'
import { foldText } from './foldText.js'

/**
 * Two orders of a record's name as numbers, for the sorted neighbourhoods of oversized fuzzy blocks: records whose
 * names are alike sort next to each other, so comparing each record with its nearest neighbours in both orders finds
 * its duplicates without comparing it with the whole block.
 *
 * - `pair`: the record's two name parts (the given name as its formal name, so Bob and Robert sort alike, and the
 *   surname), folded, the smaller first: swapped names give the same order.
 * - `surname`: the surname, then the formal given name: a typo in the given name keeps the record beside its twin.
 *
 * Each order is the first ten characters packed five bits each into a double (exact below 2^53): comparing two
 * numbers is comparing the two prefixes letter by letter. Records equal in the first ten characters tie and stay
 * together.
 */
export interface NameOrder {
  readonly pair: number
  readonly surname: number
}

const CHARS = 10

/** The two orders of `record`'s name; both 0 when it has no name. */
export function nameOrderOf(record: object, nicknames: Lookup): NameOrder {
  const fields = record as Readonly<Record<string, unknown>>
  const given = typeof fields.firstName === 'string' ? formal(fields.firstName, nicknames) : ''
  const surname = typeof fields.lastName === 'string' ? foldText(fields.lastName).replaceAll(' ', '') : ''
  const [low, high] = given <= surname ? [given, surname] : [surname, given]
  return { pair: pack(`${low} ${high}`), surname: pack(`${surname} ${given}`) }
}

function formal(name: string, nicknames: Lookup): string {
  // A short form of several names (Al) takes the first: any fixed choice keeps its records together.
  return givenNameGroups(name, nicknames)[0] ?? ''
}

/** The first ten characters as base-32 digits: space 0, a–z 1–26, digits and anything else 27–31. */
function pack(text: string): number {
  let value = 0
  for (let i = 0; i < CHARS; i += 1) {
    const code = i < text.length ? text.charCodeAt(i) : -1
    let digit: number
    if (code === -1 || code === 32) digit = 0
    else if (code >= 97 && code <= 122) digit = code - 96
    else if (code >= 48 && code <= 57) digit = 27 + ((code - 48) >> 1)
    else digit = 31
    value = value * 32 + digit
  }
  return value
}
