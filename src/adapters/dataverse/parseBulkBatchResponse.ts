import { isLeadkitError } from '../../errors.js'
import { deepFreeze } from '../../internal/immer.js'
import { asLeadkitError } from '../../internal/validate.js'
import type { BulkItemResult } from '../../persistence/types.js'
import { changesetOutcome, malformed, readAnswers, readResponse } from './internal/batchResponse.js'
import type { BulkBatchRequest, WebApiResponse } from './types.js'

/**
 * Reads the response to a {@link toBulkBatchRequests} request into one outcome per plan, in the order of the
 * batch's change sets, as `executeBulk` reports them: `{ planId, ok: true, result }` for a change set Dataverse
 * committed (its result as {@link parseBatchResponse} gives it), `{ planId, ok: false, error: { code, message } }`
 * for one it rolled back (`conflict`, `not_found`, `write_failed`, as {@link parseBatchResponse} names them) or did
 * not run because the batch stopped before it.
 *
 * @param batch - the request as {@link toBulkBatchRequests} made it
 * @param response - the HTTP response: status, headers (`content-type` with its boundary) and body text
 * @returns one frozen outcome per plan of the batch
 * @throws LeadkitError `write_failed` when Dataverse refused the whole request (a 401, a malformed batch), and
 * `invalid_format` for a response that is not a `$batch` response or has more answers than change sets
 * @example
 * parseBulkBatchResponse(batch, response).filter((item) => !item.ok).map((item) => item.planId)
 * //=> ['qualification:…'] (the plans to plan again)
 */
export function parseBulkBatchResponse(batch: BulkBatchRequest, response: WebApiResponse): readonly BulkItemResult[] {
  try {
    return parseBulkBatchResponseUnguarded(batch, response)
  } catch (error) {
    // A getter or proxy that throws, or input too deep to read, leaves as a LeadkitError (issue 13).
    throw asLeadkitError(error)
  }
}

function parseBulkBatchResponseUnguarded(batch: BulkBatchRequest, response: WebApiResponse): readonly BulkItemResult[] {
  const changesets = batch?.changesets
  if (!Array.isArray(changesets)) {
    throw malformed('expected the request toBulkBatchRequests made', ['batch'])
  }
  const parts = readResponse(changesets[0]?.planId ?? 'bulk', response)
  if (parts.length > changesets.length) throw malformed(`${parts.length} answers for ${changesets.length} change sets`)
  return deepFreeze(
    changesets.map((changeset, index): BulkItemResult => {
      const part = parts[index]
      if (part === undefined) {
        const message = `plan ${changeset.planId} was not run: Dataverse stopped the batch before it; send it again`
        return { planId: changeset.planId, ok: false, error: { code: 'write_failed', message } }
      }
      try {
        return { planId: changeset.planId, ok: true, result: changesetOutcome(changeset, readAnswers([part])) }
      } catch (error) {
        if (!isLeadkitError(error)) throw error
        return { planId: changeset.planId, ok: false, error: { code: error.code, message: error.message } }
      }
    }),
  )
}

