import { LeadkitError, isLeadkitError } from '../../errors.js'
import { deepFreeze } from '../../internal/immer.js'
import { asLeadkitError } from '../../internal/validate.js'
import type { PlanBase } from '../../plan.js'
import type { BulkQualificationPlan } from '../../qualification/types.js'
import { writeBatchBody, type RequestPart } from './internal/multipart.js'
import { requireReady } from './internal/planParts.js'
import { ODATA_HEADERS, boundaries, changesetOf, readBaseUrl, textsOf, type BatchOptions } from './toBatchRequest.js'
import type { BatchChangeset, BulkBatchRequest } from './types.js'

/**
 * Dataverse's limit of requests in one `$batch`; {@link toBulkBatchRequests} starts a new batch before it.
 *
 * @example
 * MAX_BATCH_REQUESTS //=> 1000
 */
export const MAX_BATCH_REQUESTS = 1_000

function isBulkPlan(value: unknown): value is BulkQualificationPlan {
  return value !== null && typeof value === 'object' && Array.isArray((value as BulkQualificationPlan).results)
}

/**
 * Turns several ready plans — the ready plans of a bulk qualification, or any list of plans — into as few `$batch`
 * requests as Dataverse's limit of 1,000 requests per batch allows, one change set per plan. Each plan is all or
 * nothing on its own, as with `executeBulk`; the batch carries `Prefer: odata.continue-on-error`, so a plan that
 * fails does not stop the plans after it. A plan is never split between two batches.
 *
 * @param plans - ready plans, or a `planBulkQualification` result whose `ready` plans are taken (the others are
 * left to the seller)
 * @param options - `baseUrl`, `currencyIds`, `ownerEntitySet`
 * @returns the frozen requests, in order; send them one after the other, each to {@link parseBulkBatchResponse}
 * @throws LeadkitError `plan_not_ready` at `[i, 'status']` for a plan in the list that is not ready,
 * `invalid_value` at `[i]` for one plan of more than 1,000 requests, and the errors of {@link toBatchRequest} at
 * `[i, …]`
 * @example
 * const batches = toBulkBatchRequests(planBulkQualification(leads, settings, requests, { now }), { baseUrl })
 * for (const batch of batches) {
 *   const res = await fetch(batch.url, { method: 'POST', headers: batch.headers, body: batch.body })
 *   parseBulkBatchResponse(batch, toResponse(res)) //=> [{ planId, ok: true, result }, …]
 * }
 */
export function toBulkBatchRequests(
  plans: readonly PlanBase[] | BulkQualificationPlan,
  options: BatchOptions,
): readonly BulkBatchRequest[] {
  try {
    return toBulkBatchRequestsUnguarded(plans, options)
  } catch (error) {
    // A getter or proxy that throws, or input too deep to read, leaves as a LeadkitError (issue 13).
    throw asLeadkitError(error)
  }
}

function toBulkBatchRequestsUnguarded(
  plans: readonly PlanBase[] | BulkQualificationPlan,
  options: BatchOptions,
): readonly BulkBatchRequest[] {
  const baseUrl = readBaseUrl(options?.baseUrl)
  const list: readonly PlanBase[] = isBulkPlan(plans)
    ? plans.results.flatMap((result) => (result.status === 'ready' ? [result.plan] : []))
    : plans
  if (!Array.isArray(list)) {
    throw new LeadkitError({ code: 'invalid_type', path: [], message: 'plans must be a list of plans or a bulk plan' })
  }
  const batches: BatchChangeset[][] = []
  let current: BatchChangeset[] = []
  let count = 0
  list.forEach((plan, index) => {
    const changeset = atIndex(index, () => {
      requireReady(plan)
      return changesetOf(plan, baseUrl, options, count + 1)
    })
    if (changeset.parts.length > MAX_BATCH_REQUESTS) {
      throw new LeadkitError({
        code: 'invalid_value',
        path: [index],
        message:
          `plan ${plan.id} needs ${changeset.parts.length} requests, ` +
          `more than the ${MAX_BATCH_REQUESTS} of a batch: split the plan`,
      })
    }
    if (count + changeset.parts.length > MAX_BATCH_REQUESTS) {
      batches.push(current)
      current = []
      count = 0
      current.push(atIndex(index, () => changesetOf(plan, baseUrl, options, 1)))
    } else {
      current.push(changeset)
    }
    count += changeset.parts.length
  })
  if (current.length > 0) batches.push(current)
  return deepFreeze(batches.map((changesets) => bulkRequest(changesets, baseUrl)))
}

function bulkRequest(changesets: readonly BatchChangeset[], baseUrl: string): BulkBatchRequest {
  const texts: RequestPart[][] = changesets.map((changeset) => textsOf(changeset.parts))
  const [batchBoundary, ...changesetBoundaries] = boundaries(
    changesets.map((changeset) => changeset.planId).join('\n'),
    texts.flat(),
    changesets.length,
  ) as [string, ...string[]]
  return {
    method: 'POST',
    url: `${baseUrl}$batch`,
    headers: {
      ...ODATA_HEADERS,
      'Content-Type': `multipart/mixed; boundary=${batchBoundary}`,
      Prefer: 'odata.continue-on-error',
    },
    body: writeBatchBody(
      batchBoundary,
      texts.map((parts, index) => ({ boundary: changesetBoundaries[index] as string, parts })),
    ),
    changesets,
  }
}

function atIndex<T>(index: number, run: () => T): T {
  try {
    return run()
  } catch (error) {
    if (!isLeadkitError(error)) throw error
    throw new LeadkitError(
      error.issues.map((issue) => ({ ...issue, path: [index, ...issue.path] })),
      { cause: error.cause, details: error.details },
    )
  }
}
