// FEBRL records as people (no company, no email) and the scored matcher and blocking keys the benchmark and the
// clustering test run on them: one definition, so the test holds what the benchmark reports.
import { createScoredMatcher } from '../../src/duplicates/createScoredMatcher.js'
import { phoneticKey } from '../../src/duplicates/phonetic.js'
import type { AnyDuplicateRule } from '../../src/duplicates/types.js'

export interface FebrlPerson {
  readonly id: string
  /** The person behind the record: `rec-123-org` and `rec-123-dup-0` are person 123. */
  readonly person: string
  readonly firstName?: string
  readonly lastName?: string
  readonly address: { readonly street1?: string; readonly city?: string; readonly postalCode?: string; readonly stateOrProvince?: string }
  readonly extra: { readonly streetNumber?: string; readonly dateOfBirth?: string; readonly socSecId?: string }
}

/** The scored matcher for FEBRL people: names, street, suburb, postcode, state, street number, date of birth, id. */
export function febrlPersonRule(): AnyDuplicateRule {
  return createScoredMatcher({
    fields: [
      { field: 'firstName', comparator: 'jaro-winkler', m: 0.9, u: 0.01 },
      { field: 'lastName', comparator: 'jaro-winkler', m: 0.9, u: 0.005 },
      { field: 'address.street1', comparator: 'token', m: 0.85, u: 0.001 },
      { field: 'address.city', comparator: 'jaro-winkler', m: 0.85, u: 0.01 },
      { field: 'address.postalCode', comparator: 'levenshtein', m: 0.85, u: 0.01, agree: 0.75, disagree: 0.5 },
      { field: 'address.stateOrProvince', comparator: 'exact', m: 0.9, u: 0.2 },
      { field: 'extra.streetNumber', comparator: 'exact', m: 0.85, u: 0.02 },
      { field: 'extra.dateOfBirth', comparator: 'date', m: 0.85, u: 0.001 },
      { field: 'extra.socSecId', comparator: 'levenshtein', m: 0.85, u: 0.0001, agree: 0.85, disagree: 0.6 },
    ],
    threshold: 0.62,
  }).asRule('FEBRL person', { baseEntity: 'contact' })
}

/** Blocking for people without company or email: sound of each name part with the postcode, date of birth or id. */
export function febrlPersonKeys(record: object): string[] {
  const r = record as FebrlPerson
  const first = r.firstName === undefined ? '' : phoneticKey(r.firstName)
  const last = r.lastName === undefined ? '' : phoneticKey(r.lastName)
  const keys: string[] = []
  if (first !== '' && last !== '') keys.push(`n|${first}|${last}`, `n|${last}|${first}`)
  for (const part of [first, last]) {
    if (part === '') continue
    if (r.address.postalCode !== undefined) keys.push(`p|${part}|${r.address.postalCode}`)
    if (r.extra.dateOfBirth !== undefined) keys.push(`b|${part}|${r.extra.dateOfBirth}`)
  }
  if (r.extra.socSecId !== undefined) keys.push(`s|${r.extra.socSecId}`)
  if (r.extra.dateOfBirth !== undefined && r.address.postalCode !== undefined) keys.push(`bp|${r.extra.dateOfBirth}|${r.address.postalCode}`)
  return keys
}
