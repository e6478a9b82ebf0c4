/**
 * The machinery of the "only LeadkitError escapes" fuzzer (test/fuzz/onlyLeadkitErrors.test.ts): every function the
 * package's entry points export, the plausible and hostile values given to them, and one seeded run per function.
 */
import fc from 'fast-check'
import * as adaptersDataverse from '../../src/adapters/dataverse/index.js'
import * as adaptersDuckdb from '../../src/adapters/duckdb/index.js'
import * as adaptersPostgres from '../../src/adapters/postgres/index.js'
import * as duplicates from '../../src/duplicates/index.js'
import * as root from '../../src/index.js'
import * as mapping from '../../src/mapping/index.js'
import * as persistence from '../../src/persistence/index.js'
import * as persistenceTesting from '../../src/persistence/testing/index.js'
import * as qualification from '../../src/qualification/index.js'
import * as records from '../../src/records/index.js'
import * as scoring from '../../src/scoring/index.js'
import * as settings from '../../src/settings/index.js'
import * as sql from '../../src/sql/index.js'
import * as summary from '../../src/summary/index.js'
import { argumentArbitrary, argumentValue, specialValues } from './hostile.js'

/** Every entry point of the package, by the specifier a user imports. */
export const ENTRIES: Readonly<Record<string, object>> = {
  leadkit: root,
  'leadkit/records': records,
  'leadkit/settings': settings,
  'leadkit/mapping': mapping,
  'leadkit/qualification': qualification,
  'leadkit/summary': summary,
  'leadkit/duplicates': duplicates,
  'leadkit/scoring': scoring,
  'leadkit/persistence': persistence,
  'leadkit/persistence/testing': persistenceTesting,
  'leadkit/adapters/postgres': adaptersPostgres,
  'leadkit/sql': sql,
  'leadkit/adapters/dataverse': adaptersDataverse,
  'leadkit/adapters/duckdb': adaptersDuckdb,
}

/** An exported function, labelled `entry name` by the first entry that exports it. */
export type ExportedFunction = readonly [label: string, fn: (...args: unknown[]) => unknown]

/** Every exported function once (entries re-export names; the function is the same). */
export function exportedFunctions(): ExportedFunction[] {
  const seen = new Set<unknown>()
  const found: ExportedFunction[] = []
  for (const [entry, module] of Object.entries(ENTRIES)) {
    for (const [name, value] of Object.entries(module)) {
      if (typeof value !== 'function' || seen.has(value)) continue
      seen.add(value)
      // A class is constructed, not called; LeadkitError is the one leadkit exports.
      if (/^class\b/.test(Function.prototype.toString.call(value))) continue
      found.push([`${entry} ${name}`, value as (...args: unknown[]) => unknown])
    }
  }
  return found
}

const NOW = '2026-03-01T09:30:00Z'
const LEAD = records.createLead(
  { firstName: 'Ada', lastName: 'Lovelace', companyName: 'Engines', email: 'ada@engines.example', currency: 'GBP' },
  { now: NOW, id: 'lead-1' },
)

/** Valid values, so that a later argument is reached past a valid earlier one. */
export const PLAUSIBLE: readonly unknown[] = [
  LEAD,
  { lastName: 'Lovelace', extra: { note: { text: 'mine' } } },
  settings.DEFAULT_QUALIFICATION_SETTINGS,
  NOW,
  'lead',
  'account',
  [LEAD],
  { now: NOW },
  duplicates.DEFAULT_LEAD_DUPLICATE_RULES,
  scoring.DEFAULT_GRADE_BANDS,
  undefined,
  0,
]

const SPECIALS = specialValues(PLAUSIBLE)

/** What the plausible values hold and which of their objects are frozen: no call may change either. */
function snapshot(values: readonly unknown[]): string {
  return JSON.stringify(values.map((value) => [JSON.stringify(value) ?? 'undefined', frozenMap(value)]))
}

function frozenMap(value: unknown): unknown {
  if (value === null || typeof value !== 'object') return null
  return [Object.isFrozen(value), Object.values(value).map(frozenMap)]
}

const BEFORE = snapshot(PLAUSIBLE)

/** Longer than any message leadkit writes, far shorter than the 1 MB strings the fuzzer sends. */
const MAX_MESSAGE_LENGTH = 2_000

function describeError(error: unknown): string {
  if (error instanceof Error) return `${error.name}: ${error.message.slice(0, 160)}`
  return `a thrown ${typeof error}`
}

async function outcome(fn: (...args: unknown[]) => unknown, args: readonly unknown[]): Promise<unknown> {
  try {
    const result = fn(...args)
    if (result instanceof Promise) {
      // A repository call on hostile input may never settle; what matters is how it fails when it does.
      let timer: ReturnType<typeof setTimeout> | undefined
      const timeout = new Promise((resolve) => (timer = setTimeout(resolve, 200)))
      await Promise.race([result, timeout]).finally(() => clearTimeout(timer))
    }
    return undefined
  } catch (error) {
    return error
  }
}

/**
 * Calls `fn` with `runs` seeded hostile argument lists of up to `fn.length + 1` arguments (at least 2, at most 5);
 * resolves with nothing when every call returned or threw a LeadkitError with a code (a `safeParse…` function must
 * not throw at all) and left the plausible values as they were, or with what went wrong and the argument list.
 */
export async function fuzzFunction(
  label: string,
  fn: (...args: unknown[]) => unknown,
  runs: number,
): Promise<string | undefined> {
  const arity = Math.min(Math.max(fn.length + 1, 2), 5)
  const mustNotThrow = /\bsafeParse/.test(label)
  const choices = argumentArbitrary(PLAUSIBLE.length, [...SPECIALS.keys()])
  const details = await fc.check(
    fc.asyncProperty(fc.array(choices, { maxLength: arity }), async (picked) => {
      const args = picked.map((choice) => argumentValue(choice, PLAUSIBLE, SPECIALS))
      const error = await outcome(fn, args)
      if (snapshot(PLAUSIBLE) !== BEFORE) throw new Error('changed or froze a value it was given')
      if (error === undefined) return
      if (mustNotThrow) throw new Error(`threw ${describeError(error)}`)
      const isOurs = root.isLeadkitError(error) && typeof error.code === 'string'
      if (!isOurs) throw new Error(`leaked ${describeError(error)}`)
      const long = error.issues.find((issue) => issue.message.length > MAX_MESSAGE_LENGTH)
      if (long !== undefined) throw new Error(`echoed ${long.message.length} characters in a message`)
    }),
    { numRuns: runs },
  )
  if (!details.failed) return undefined
  const cause = details.errorInstance instanceof Error ? details.errorInstance.message : String(details.errorInstance)
  return `${label} ${cause} (seed ${details.seed}, arguments ${fc.stringify(details.counterexample)})`
}
