/**
 * Types of the Dataverse Web API adapter: rows as the Web API accepts and returns them, plans as `$batch` requests,
 * and the options they share.
 */
import type { EntityName } from '../../records/types.js'
import type { PlanExecutionResult } from '../../persistence/types.js'

/**
 * A JSON body for the Dataverse Web API: column values, lookups as `navigation@odata.bind`, option sets as integers.
 *
 * @example
 * const body: WebApiPayload = { lastname: 'Ruiz', 'parentcustomerid_account@odata.bind': '/accounts(7d5c…)' }
 */
export type WebApiPayload = Readonly<Record<string, unknown>>

/**
 * Options every row and request builder takes.
 *
 * @example
 * const options: WebApiOptions = { currencyIds: { USD: '5f2a1d7e-2b1e-ed11-b83e-000d3a4f1e10' } }
 */
export interface WebApiOptions {
  /**
   * The `transactioncurrencyid` of each ISO-4217 code a record may carry (`currency: 'USD'`). Dataverse binds the
   * currency by its row id, which differs per organisation: read it once with
   * `GET transactioncurrencies?$select=isocurrencycode`. A currency missing here is an `invalid_value` error.
   */
  readonly currencyIds?: Readonly<Record<string, string>>
  /** The entity set of `ownerId`: `systemusers` (default) or `teams`. */
  readonly ownerEntitySet?: 'systemusers' | 'teams'
}

/**
 * Options of {@link fromWebApiRow}.
 *
 * @example
 * fromWebApiRow(row, 'lead', { extraColumns: ['new_score'] })
 */
export interface FromWebApiRowOptions extends WebApiOptions {
  /** Custom columns kept under the record's `extra`; every other column leadkit does not map is reported. */
  readonly extraColumns?: readonly string[]
}

/**
 * A Web API row read back as a leadkit record, with what did not fit.
 *
 * @example
 * const { record, etag, unknownColumns } = fromWebApiRow(row, 'contact')
 */
export interface WebApiRecord<T> {
  /** The deep-frozen record. */
  readonly record: T
  /** The row's `@odata.etag` (`W/"<versionnumber>"`), when it had one. */
  readonly etag?: string
  /** Formatted values (`@OData.Community.Display.V1.FormattedValue`) by column, for display. */
  readonly formattedValues: Readonly<Record<string, string>>
  /**
   * Columns leadkit does not map (and that `extraColumns` does not keep), with their values: the row's system
   * columns (`_createdby_value`, `fullname`, …) and custom columns. Nothing here is lost silently, and nothing is
   * carried into `extra` where it would be written back.
   */
  readonly unknownColumns: Readonly<Record<string, unknown>>
}

/**
 * One HTTP request to the Web API, ready for `fetch`: the URL is absolute, the body is text.
 *
 * @example
 * const response = await fetch(request.url, { method: request.method, headers: request.headers, body: request.body })
 */
export interface WebApiRequest {
  readonly method: 'POST' | 'PATCH'
  readonly url: string
  readonly headers: Readonly<Record<string, string>>
  readonly body: string
}

/**
 * One request inside a `$batch` change set, and the plan operation it comes from.
 *
 * @example
 * batch.parts[0]
 * //=> { contentId: 1, method: 'POST', url: '…/accounts', entity: 'account', id: '…', operationIndex: 0, … }
 */
export interface BatchPart {
  /** The part's Content-ID; later parts reference a created record as `$<contentId>`. */
  readonly contentId: number
  readonly method: 'POST' | 'PATCH'
  /** Absolute URL, or `$<n>` for a record created earlier in the change set. */
  readonly url: string
  readonly headers: Readonly<Record<string, string>>
  readonly body: WebApiPayload
  readonly entity: EntityName
  /** The record's leadkit id. */
  readonly id: string
  /** The index of the plan operation it carries out (a deferred link of a created record has its create's index). */
  readonly operationIndex: number
  /** `create`, `update`, or `link-created` (a lookup of a created record to a record created after it). */
  readonly kind: 'create' | 'update' | 'link-created'
  /** The version the update expects (`If-Match: W/"<version>"`), for updates of stored records. */
  readonly expectedVersion?: number
}

/**
 * One plan's change set inside a `$batch`: the plan, its parts, and the records it links without writing.
 *
 * @example
 * batch.changesets[0] //=> { planId: 'qualification:…', planKind: 'qualification', parts: [ … ], linked: [] }
 */
export interface BatchChangeset {
  readonly planId: string
  readonly planKind: PlanExecutionResult['kind']
  readonly parts: readonly BatchPart[]
  /** Records the plan links without writing them; Dataverse checks them only where a lookup binds them. */
  readonly linked: readonly { readonly entity: EntityName; readonly id: string }[]
}

/**
 * A plan as one atomic OData `$batch` request: one change set, records created in it referenced by Content-ID.
 *
 * @example
 * const batch = toBatchRequest(plan, { baseUrl: 'https://contoso.crm.dynamics.com/api/data/v9.2/' })
 * await fetch(batch.url, { method: 'POST', headers: batch.headers, body: batch.body })
 */
export interface BatchRequest extends WebApiRequest, BatchChangeset {
  readonly method: 'POST'
}

/**
 * Several plans as one `$batch` request: one change set per plan, each all or nothing on its own, with
 * `Prefer: odata.continue-on-error` so a failing plan does not stop the others.
 *
 * @example
 * const [batch] = toBulkBatchRequests(plans, { baseUrl })
 * batch.changesets.length //=> plans.length (up to 1,000 requests per batch)
 */
export interface BulkBatchRequest extends WebApiRequest {
  readonly method: 'POST'
  readonly changesets: readonly BatchChangeset[]
}

/**
 * The result of a `$batch` that succeeded: what `executePlan` returns, with the ids Dataverse gave created records.
 *
 * @example
 * parseBatchResponse(batch, response).createdIds //=> { 'acct-1': '7d5c…' } (a plan whose newId made 'acct-1')
 */
export interface BatchExecutionResult extends PlanExecutionResult {
  /** Each created record's leadkit id → its Dataverse id (equal when the plan already used GUIDs). */
  readonly createdIds: Readonly<Record<string, string>>
}

/**
 * An HTTP response as a host received it: status, headers (at least `content-type`) and body text.
 *
 * @example
 * const response: WebApiResponse = {
 *   status: res.status,
 *   headers: Object.fromEntries(res.headers),
 *   body: await res.text(),
 * }
 */
export interface WebApiResponse {
  readonly status: number
  readonly headers: Readonly<Record<string, string>>
  readonly body: string
}
