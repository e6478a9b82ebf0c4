/**
 * Only LeadkitError escapes (issue 13, item 5): every function exported by `leadkit` and its subpath entries gets
 * seeded hostile argument lists — fast-check's `anything()`, objects and arrays 5,000 levels deep, circular objects,
 * 1 MB strings, 200,000-entry arrays, throwing getters and proxies, mixed with valid values so that later positions
 * are reached — and whatever it throws (or a promise it returns rejects with) must be a LeadkitError with a code and
 * messages of at most 2,000 characters; `safeParse…` never throws; the valid values it was given stay as they were
 * (not changed, not frozen). See test/support/fuzzExports.ts.
 */
import { describe, expect, it } from 'vitest'
import { duplicateKeysFromRules } from '../../src/persistence/index.js'
import { exportedFunctions, fuzzFunction, type ExportedFunction } from '../support/fuzzExports.js'

/** Argument lists per function. */
const RUNS = 100

/**
 * Functions allowed to let a TypeError, RangeError or a getter's error out: none. Every export of every entry point
 * passes, under the pinned seed and seeds 1–12 (LEADKIT_SEED). A name may be added here only with an open issue.
 */
const KNOWN_LEAKS: ReadonlySet<string> = new Set<string>([])

/**
 * Functions the exports return that hosts call with records, fuzzed too: the key function of the duplicate rules
 * and its candidate lookup (repositories call it on every write).
 */
function returnedFunctions(): ExportedFunction[] {
  const keys = duplicateKeysFromRules()
  return [
    ['leadkit duplicateKeysFromRules()', keys as unknown as ExportedFunction[1]],
    ['leadkit duplicateKeysFromRules().candidateKeys', keys.candidateKeys as unknown as ExportedFunction[1]],
  ]
}

describe('only LeadkitError escapes the public API', () => {
  const functions = [...exportedFunctions(), ...returnedFunctions()]

  it('enumerates every exported function of every entry point', () => {
    expect(functions.length).toBeGreaterThanOrEqual(120)
    const labels = functions.map(([label]) => label)
    expect(labels).toEqual(
      expect.arrayContaining(['leadkit parseNewLead', 'leadkit planQualification', 'leadkit duplicateKeysFromRules']),
    )
  })

  for (const [label, fn] of functions) {
    if (KNOWN_LEAKS.has(label)) {
      it.skip(`${label} (known leak, see KNOWN_LEAKS)`, () => undefined)
      continue
    }
    it(label, async () => {
      expect(await fuzzFunction(label, fn, RUNS)).toBeUndefined()
    }, 120_000)
  }
})
