import { asLeadkitError } from '../../internal/validate.js'
import { changesetOutcome, readAnswers, readResponse } from './internal/batchResponse.js'
import type { BatchExecutionResult, BatchRequest, WebApiResponse } from './types.js'

/**
 * Reads the response to a {@link toBatchRequest} request into what `executePlan` returns, or throws what
 * `executePlan` throws:
 *
 * - every part succeeded: a {@link BatchExecutionResult} — the created records with the ids Dataverse gave them
 *   (from each `OData-EntityId`), the updated records with their new version (from the returned `versionnumber` or
 *   ETag), the linked records — plus `createdIds`, each created record's leadkit id → Dataverse id;
 * - the change set failed: Dataverse rolled all of it back and answers with the failing part; this is a
 *   `LeadkitError` at `['operations', i]` of the plan — `conflict` for 412 (the row changed since it was read),
 *   `not_found` for 404, `write_failed` otherwise — carrying Dataverse's error code and message, and in `details`
 *   the status, the Content-ID and the operation index;
 * - a response that is not a `$batch` response (a 401, a proxy's page) is `write_failed`; one that is cut short or
 *   does not answer every part is `invalid_format`.
 *
 * @param batch - the request as {@link toBatchRequest} made it
 * @param response - the HTTP response: status, headers (`content-type` with its boundary) and body text
 * @returns the frozen outcome of the plan
 * @throws LeadkitError as above
 * @example
 * const res = await fetch(batch.url, { method: 'POST', headers: batch.headers, body: batch.body })
 * const response = { status: res.status, headers: Object.fromEntries(res.headers), body: await res.text() }
 * const result = parseBatchResponse(batch, response)
 * result.created.account //=> '7d5c3b9e-…' (the id Dataverse gave the account)
 */
export function parseBatchResponse(batch: BatchRequest, response: WebApiResponse): BatchExecutionResult {
  try {
    return parseBatchResponseUnguarded(batch, response)
  } catch (error) {
    // A getter or proxy that throws, or input too deep to read, leaves as a LeadkitError (issue 13).
    throw asLeadkitError(error)
  }
}

function parseBatchResponseUnguarded(batch: BatchRequest, response: WebApiResponse): BatchExecutionResult {
  return changesetOutcome(batch, readAnswers(readResponse(batch?.planId, response)))
}

