import { LeadkitError } from '../../errors.js'
import { deepFreeze } from '../../internal/immer.js'
import { stableHash } from '../../internal/stableHash.js'
import { asLeadkitError } from '../../internal/validate.js'
import type { PlanBase } from '../../plan.js'
import { toPayload, type Entry } from './internal/columns.js'
import { writeBatchBody, type RequestPart } from './internal/multipart.js'
import { CREATED_REF, keyOf, planWrites, requireReady, type IdOptions } from './internal/planParts.js'
import { ENTITY_SET_OF, webApiTable } from './internal/tables.js'
import type { BatchChangeset, BatchPart, BatchRequest, WebApiOptions } from './types.js'

/**
 * Options of {@link toBatchRequest} and the action builders.
 *
 * @example
 * const options: BatchOptions = {
 *   baseUrl: 'https://contoso.crm.dynamics.com/api/data/v9.2/',
 *   currencyIds: { USD: '5f2a1d7e-2b1e-ed11-b83e-000d3a4f1e10' },
 * }
 */
export interface BatchOptions extends WebApiOptions, IdOptions {
  /** The Web API root of the organisation, e.g. `https://contoso.crm.dynamics.com/api/data/v9.2/`. */
  readonly baseUrl: string
}

/** The headers every Web API request carries. */
export const ODATA_HEADERS: Readonly<Record<string, string>> = Object.freeze({
  'OData-MaxVersion': '4.0',
  'OData-Version': '4.0',
  Accept: 'application/json',
})

/** Checks and normalises the Web API root: an absolute http(s) URL ending with "/". */
export function readBaseUrl(baseUrl: unknown): string {
  let url: URL | undefined
  try {
    url = typeof baseUrl === 'string' ? new URL(baseUrl) : undefined
  } catch {
    url = undefined
  }
  const isHttp = url?.protocol === 'https:' || url?.protocol === 'http:'
  if (url === undefined || !isHttp || url.search !== '' || url.hash !== '') {
    throw new LeadkitError({
      code: 'invalid_format',
      path: ['baseUrl'],
      message: 'baseUrl must be the Web API root, e.g. https://contoso.crm.dynamics.com/api/data/v9.2/',
    })
  }
  return url.href.endsWith('/') ? url.href : `${url.href}/`
}

/**
 * Turns a ready plan (qualification, disqualification, reactivation, merge; or each ready plan of a bulk
 * qualification) into one OData `$batch` request whose single change set Dataverse runs all or nothing, as
 * `executePlan` does:
 *
 * - each `create` is a `POST` to its entity set with a `Content-ID` and the record's primary key: its own id when
 *   that is a GUID, else `options.idFor(entity, id)` or a GUID derived from the plan id and the record id (so the
 *   same plan sent twice is refused rather than applied twice); later parts bind it as `$<Content-ID>`, and JSON
 *   lists that name it (a note's `visibleOn`) carry its Dataverse id;
 * - a lookup to a record created later in the batch is set by a `PATCH $<n>` right after that record's create;
 * - the updates of a stored record become one `PATCH` of the changed columns with `If-Match: W/"<expectedVersion>"`
 *   (the row's `versionnumber`), so Dataverse refuses it with 412 when the row changed since it was read, and
 *   `Prefer: return=representation` so the response carries the new version;
 * - `link` operations send nothing: Dataverse checks a linked record where a lookup binds it.
 *
 * Pass the result's `url`, `headers` and `body` to `fetch`, then the response to {@link parseBatchResponse}.
 *
 * @param plan - a ready plan; its ids of stored records must be GUIDs
 * @param options - `baseUrl` (the Web API root), `currencyIds`, `ownerEntitySet`, `idFor`
 * @returns the frozen request, with its parts listed for {@link parseBatchResponse}
 * @throws LeadkitError `plan_not_ready` for a plan that is not ready, `invalid_format` for an id of a stored record
 * that is not a GUID or a bad `baseUrl`, and the errors of {@link toWebApiCreate} with the operation in the path
 * @example
 * const batch = toBatchRequest(plan, { baseUrl: 'https://contoso.crm.dynamics.com/api/data/v9.2/' })
 * batch.parts.map((part) => `${part.method} ${part.url}`)
 * //=> ['POST https://…/accounts', 'POST https://…/contacts', 'PATCH $1', 'POST https://…/opportunities',
 * //    'PATCH https://…/leads(9f0e…)?$select=leadid,versionnumber']
 */
export function toBatchRequest(plan: PlanBase, options: BatchOptions): BatchRequest {
  try {
    return toBatchRequestUnguarded(plan, options)
  } catch (error) {
    // A getter or proxy that throws, or input too deep to read, leaves as a LeadkitError (issue 13).
    throw asLeadkitError(error)
  }
}

function toBatchRequestUnguarded(plan: PlanBase, options: BatchOptions): BatchRequest {
  requireReady(plan)
  const baseUrl = readBaseUrl(options?.baseUrl)
  const changeset = changesetOf(plan, baseUrl, options, 1)
  const texts = textsOf(changeset.parts)
  const [batchBoundary, changesetBoundary] = boundaries(plan.id, texts) as [string, string]
  return deepFreeze({
    method: 'POST',
    url: `${baseUrl}$batch`,
    headers: { ...ODATA_HEADERS, 'Content-Type': `multipart/mixed; boundary=${batchBoundary}` },
    body: writeBatchBody(batchBoundary, [{ boundary: changesetBoundary, parts: texts }]),
    ...changeset,
  })
}

/** The parts of one plan's change set, numbered from `firstContentId`. */
export function changesetOf(
  plan: PlanBase,
  baseUrl: string,
  options: BatchOptions,
  firstContentId: number,
): BatchChangeset {
  const { writes, linked } = planWrites(plan, options)
  const contentIdOf = new Map<string, number>()
  const parts: BatchPart[] = []
  writes.forEach((write, index) => {
    const contentId = firstContentId + index
    const key = keyOf(write.entity, write.id)
    const table = webApiTable(write.entity, [])
    const body = toPayload(write.entries.map((entry) => withContentIds(entry, contentIdOf)))
    const target = contentIdOf.get(key)
    let url: string
    const headers: Record<string, string> = { 'Content-Type': 'application/json; type=entry' }
    if (write.kind === 'create') {
      url = `${baseUrl}${ENTITY_SET_OF[write.entity]}`
      contentIdOf.set(key, contentId)
    } else if (target !== undefined) {
      url = `$${target}`
    } else {
      const row = `${ENTITY_SET_OF[write.entity]}(${write.id.toLowerCase()})`
      url = `${baseUrl}${row}?$select=${table.primaryKey},versionnumber`
      headers['If-Match'] = `W/"${write.expectedVersion}"`
      headers.Prefer = 'return=representation'
    }
    parts.push({
      contentId,
      method: write.kind === 'create' ? 'POST' : 'PATCH',
      url,
      headers,
      body,
      entity: write.entity,
      id: write.id,
      operationIndex: write.operationIndex,
      kind: write.kind,
      ...(headers['If-Match'] === undefined ? {} : { expectedVersion: write.expectedVersion }),
    })
  })
  return { planId: plan.id, planKind: plan.kind, parts, linked }
}

/** The parts as the text the body carries. */
export function textsOf(parts: readonly BatchPart[]): RequestPart[] {
  return parts.map((part) => ({ ...part, body: JSON.stringify(part.body) }))
}

function withContentIds(entry: Entry, contentIdOf: ReadonlyMap<string, number>): Entry {
  if (typeof entry.value !== 'string' || !entry.value.startsWith(CREATED_REF)) return entry
  const contentId = contentIdOf.get(entry.value.slice(CREATED_REF.length))
  return { ...entry, value: `$${String(contentId)}` }
}

/**
 * Boundaries derived from `seed` (the same plans give the same text), changed until no part contains them; the
 * batch's, then one per change set.
 */
export function boundaries(seed: string, parts: readonly RequestPart[], changesets = 1): string[] {
  for (let attempt = 0; ; attempt += 1) {
    const hash = stableHash(`${seed}:${attempt}`)
    if (parts.some((part) => part.body.includes(hash) || part.url.includes(hash))) continue
    return [`batch_${hash}`, ...Array.from({ length: changesets }, (_, index) => `changeset_${hash}_${index + 1}`)]
  }
}
