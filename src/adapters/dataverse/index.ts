// leadkit/adapters/dataverse: leadkit records, plans and duplicate rules in the shapes the Dataverse Web API accepts
// and returns. It sends nothing: the host makes the HTTP calls with its own client and token.
export { fromDuplicateRuleRows } from './fromDuplicateRuleRows.js'
export { fromWebApiRow } from './fromWebApiRow.js'
export { parseBatchResponse } from './parseBatchResponse.js'
export { parseBulkBatchResponse } from './parseBulkBatchResponse.js'
export { parseQualifyLeadResponse } from './parseQualifyLeadResponse.js'
export { toBatchRequest } from './toBatchRequest.js'
export type { IdOptions } from './internal/planParts.js'
export type { BatchOptions } from './toBatchRequest.js'
export { MAX_BATCH_REQUESTS, toBulkBatchRequests } from './toBulkBatchRequests.js'
export { toDuplicateRuleRows } from './toDuplicateRuleRows.js'
export type { DuplicateRuleRows, DuplicateRuleRowsOptions } from './toDuplicateRuleRows.js'
export { toMergeAction } from './toMergeAction.js'
export { toQualifyLeadAction } from './toQualifyLeadAction.js'
export type { QualifyLeadActionOptions } from './toQualifyLeadAction.js'
export { toWebApiCreate } from './toWebApiCreate.js'
export { toWebApiUpdate } from './toWebApiUpdate.js'
export type {
  BatchChangeset,
  BatchExecutionResult,
  BatchPart,
  BatchRequest,
  BulkBatchRequest,
  FromWebApiRowOptions,
  WebApiOptions,
  WebApiPayload,
  WebApiRecord,
  WebApiRequest,
  WebApiResponse,
} from './types.js'
