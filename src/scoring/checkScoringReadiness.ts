import { LeadkitError } from '../errors.js'
import { deepFreeze } from '../internal/immer.js'
import { asLeadkitError, InputReader } from '../internal/validate.js'
import type { Lead } from '../records/types.js'
import { readReadinessOptions, selectTrainingLeads } from './internal/history.js'
import type { ScoringReadiness, ScoringReadinessOptions } from './types.js'

/**
 * Counts the qualified and disqualified leads a scoring model could train on, and says whether the product's
 * minimum of 40 of each is met. A lead is usable when it is closed, was created on or after 1 January (UTC) of the
 * previous year, was created and closed inside the training window (3 to 24 months back from `now`), meets the
 * conditions, runs in the process flow (when one is given) and its process instance was not aborted. Each excluded
 * lead is counted under the first of those rules it breaks, in that order.
 *
 * @param leads - the history to check
 * @param options - `now` (required), `trainingWindowMonths` (3–24, default 24), `conditions`, `processFlow`
 * @returns a frozen report: counts, `ready`, what is `missing`, and `excluded` counts by reason
 * @throws LeadkitError for bad options, e.g. `invalid_value` at `['trainingWindowMonths']` for 2 or 25
 * @example
 * const report = checkScoringReadiness(leads, { now: '2026-06-01T00:00:00Z', trainingWindowMonths: 6 })
 * report.ready //=> false
 * report.missing //=> { qualified: 1, disqualified: 0 }
 */
export function checkScoringReadiness(leads: readonly Lead[], options: ScoringReadinessOptions): ScoringReadiness {
  try {
    return checkScoringReadinessUnguarded(leads, options)
  } catch (error) {
    // A getter or proxy that throws, or input too deep to read, leaves as a LeadkitError (issue 13).
    throw asLeadkitError(error)
  }
}

function checkScoringReadinessUnguarded(leads: readonly Lead[], options: ScoringReadinessOptions): ScoringReadiness {
  const reader = new InputReader()
  const settings = readReadinessOptions(reader, options)
  reader.throwIfAny()
  if (settings === undefined) throw new LeadkitError(reader.issues)
  return deepFreeze(structuredClone(selectTrainingLeads(leads, settings).report))
}
