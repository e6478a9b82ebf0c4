/** Assertions the record tests share: frozen output, untouched input, JSON round trips. */
import fc from 'fast-check'
import { expect } from 'vitest'
import { deepFreeze } from '../../src/internal/immer.js'

/** Whether every object reachable from `value` is frozen. */
export function isDeepFrozen(value: unknown): boolean {
  if (value === null || typeof value !== 'object') return true
  return Object.isFrozen(value) && Object.values(value).every(isDeepFrozen)
}

/** Parses a deep-frozen copy of `input` and checks the input is unchanged and the output deep-frozen. */
export function expectPureParse<T>(parse: (input: unknown) => T, input: unknown): T {
  const frozen = deepFreeze(structuredClone(input))
  const before = structuredClone(frozen)
  const output = parse(frozen)
  expect(frozen).toEqual(before)
  expect(isDeepFrozen(output)).toBe(true)
  return output
}

/** Property: every generated record comes back deep-equal from `parse(JSON.parse(JSON.stringify(record)))`. */
export function expectJsonRoundTrip<T>(parse: (input: unknown) => T, records: fc.Arbitrary<T>, numRuns = 200): void {
  fc.assert(
    fc.property(records, (record) => {
      expect(expectPureParse(parse, JSON.parse(JSON.stringify(record)))).toEqual(record)
    }),
    { numRuns },
  )
}
