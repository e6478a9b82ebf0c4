// leadkit/adapters/dataverse: leadkit records, plans and duplicate rules in the shapes the Dataverse Web API accepts
// and returns. It sends nothing: the host makes the HTTP calls with its own client and token.
export { fromWebApiRow } from './fromWebApiRow.js'
export { toWebApiCreate } from './toWebApiCreate.js'
export { toWebApiUpdate } from './toWebApiUpdate.js'
export type { FromWebApiRowOptions, WebApiOptions, WebApiPayload, WebApiRecord } from './types.js'
