/**
 * Reading `$batch` responses: the multipart parts, the HTTP answer of each request, and one change set's outcome
 * as `executePlan` gives it (or the error of its failing request).
 */
import { LeadkitError, type LeadkitErrorCode } from '../../../errors.js'
import { deepFreeze } from '../../../internal/immer.js'
import type { CreatedEntities, UpdatedRecord } from '../../../persistence/types.js'
import type { EntityRef } from '../../../records/types.js'
import {
  boundaryOf,
  readHttpMessage,
  readMultipart,
  statusOf,
  type HttpMessage,
  type MimePart,
} from './multipart.js'
import type { BatchChangeset, BatchExecutionResult, BatchPart, WebApiResponse } from '../types.js'

/** One HTTP response of the batch, with the Content-ID it answers when it names one. */
export interface Answer {
  readonly contentId?: number
  readonly status: number
  readonly message: HttpMessage
}

const ENTITY_ID = /\(([0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12})\)\s*$/
const ETAG_VERSION = /^W\/"(\d+)"$/

export function malformed(message: string, path: readonly (string | number)[] = ['body']): LeadkitError {
  return new LeadkitError({ code: 'invalid_format', path, message: `malformed $batch response: ${message}` })
}

function header(headers: Readonly<Record<string, string>>, name: string): string | undefined {
  for (const [key, value] of Object.entries(headers)) if (key.toLowerCase() === name) return value
  return undefined
}

/** The top-level parts of a `$batch` response, or the error of a response that is not one. */
export function readResponse(planId: string, response: WebApiResponse): MimePart[] {
  if (response === null || typeof response !== 'object' || typeof response.body !== 'string') {
    throw malformed('expected { status, headers, body } with the body as text', [])
  }
  const contentType = header(response.headers ?? {}, 'content-type')
  const boundary = boundaryOf(contentType)
  if (boundary === undefined) {
    if (response.status >= 400) throw requestFailed(planId, response)
    const shown = contentType === undefined ? 'missing' : `"${contentType.slice(0, 60)}"`
    throw malformed(`the content-type is ${shown}, not multipart/mixed`, ['headers'])
  }
  return readMultipart(response.body, boundary)
}

/** The result of one change set from its answers, or the error of the part that failed. */
export function changesetOutcome(changeset: BatchChangeset, answers: readonly Answer[]): BatchExecutionResult {
  const failed = answers.find((answer) => answer.status >= 400)
  if (failed !== undefined) throw partFailed(changeset, failed, answers)
  if (answers.length !== changeset.parts.length) {
    throw malformed(`${answers.length} answers for ${changeset.parts.length} requests`)
  }
  return outcome(changeset, answers)
}

/** The HTTP responses of a batch response, change sets opened. */
export function readAnswers(parts: readonly MimePart[]): Answer[] {
  const answers: Answer[] = []
  for (const part of parts) {
    const nested = boundaryOf(part.headers['content-type'])
    if (nested !== undefined) {
      answers.push(...readAnswers(readMultipart(part.body, nested)))
      continue
    }
    const message = readHttpMessage(part.body)
    const id = part.headers['content-id'] ?? message.headers['content-id']
    const contentId = id === undefined || !/^\d+$/.test(id.trim()) ? undefined : Number(id)
    answers.push({ status: statusOf(message), message, ...(contentId === undefined ? {} : { contentId }) })
  }
  return answers
}

/** Dataverse's error body: `{ "error": { "code": "0x80060882", "message": "…" } }`. */
export function errorOf(body: string): { readonly code?: string; readonly message?: string } {
  try {
    const parsed = JSON.parse(body) as { error?: { code?: unknown; message?: unknown } }
    const error = parsed?.error
    return {
      ...(typeof error?.code === 'string' ? { code: error.code } : {}),
      ...(typeof error?.message === 'string' ? { message: error.message.slice(0, 500) } : {}),
    }
  } catch {
    return body === '' ? {} : { message: body.slice(0, 200) }
  }
}

export function codeOf(status: number): LeadkitErrorCode {
  if (status === 412) return 'conflict'
  if (status === 404) return 'not_found'
  return 'write_failed'
}

function requestFailed(planId: string, response: WebApiResponse): LeadkitError {
  const error = errorOf(response.body)
  return new LeadkitError(
    {
      code: 'write_failed',
      path: [],
      message:
        `Dataverse refused the $batch of plan ${planId} (${response.status}` +
        `${error.message === undefined ? '' : `: ${error.message}`}); nothing of the plan was stored`,
    },
    { details: { planId, status: response.status, errorCode: error.code } },
  )
}

function partFailed(batch: BatchChangeset, failed: Answer, answers: readonly Answer[]): LeadkitError {
  // Without a Content-ID, a change set's lone answer is for the part that failed; several answers are in order.
  const part =
    failed.contentId !== undefined
      ? batch.parts.find((candidate) => candidate.contentId === failed.contentId)
      : answers.length > 1
        ? batch.parts[answers.indexOf(failed)]
        : undefined
  const error = errorOf(failed.message.body)
  const what = part === undefined ? 'a request' : `${describePart(part)} (operation ${part.operationIndex})`
  const reason =
    `${error.message === undefined ? '' : `: ${error.message}`}${error.code === undefined ? '' : ` [${error.code}]`}`
  const advice = failed.status === 412 ? '; read the record again and plan anew' : ''
  return new LeadkitError(
    {
      code: codeOf(failed.status),
      path: part === undefined ? ['operations'] : ['operations', part.operationIndex],
      message:
        `Dataverse refused ${what} of plan ${batch.planId} with ${failed.status}${reason}; ` +
        `the change set was rolled back, nothing of the plan was stored${advice}`,
    },
    {
      details: {
        planId: batch.planId,
        status: failed.status,
        errorCode: error.code,
        contentId: failed.contentId ?? part?.contentId,
        operationIndex: part?.operationIndex,
      },
    },
  )
}

function describePart(part: BatchPart): string {
  return `${part.kind === 'create' ? 'creating' : 'updating'} ${part.entity} ${part.id}`
}

function outcome(batch: BatchChangeset, answers: readonly Answer[]): BatchExecutionResult {
  const byContentId = new Map<number, Answer>()
  answers.forEach((answer, index) => {
    byContentId.set(answer.contentId ?? (batch.parts[index]?.contentId as number), answer)
  })
  const createdIds: Record<string, string> = {}
  const created: EntityRef[] = []
  const updated: UpdatedRecord[] = []
  for (const part of batch.parts) {
    const answer = byContentId.get(part.contentId)
    if (answer === undefined) throw malformed(`no answer for Content-ID ${part.contentId}`)
    if (part.kind === 'create') {
      const location = answer.message.headers['odata-entityid'] ?? answer.message.headers.location
      const id = location === undefined ? undefined : ENTITY_ID.exec(location)?.[1]?.toLowerCase()
      if (id === undefined) throw malformed(`the answer to Content-ID ${part.contentId} has no OData-EntityId`)
      createdIds[part.id] = id
      created.push({ entity: part.entity, id })
    } else if (part.kind === 'update' && part.expectedVersion !== undefined) {
      // Only stored records are listed as updated: a record the batch created and then changed is in `created`,
      // and its `PATCH $n` asks for no representation.
      const id = createdIds[part.id] ?? part.id.toLowerCase()
      const entry = { entity: part.entity, id, version: versionOf(answer, part) }
      const earlier = updated.findIndex((record) => record.entity === part.entity && record.id === id)
      if (earlier === -1) updated.push(entry)
      else updated[earlier] = entry
    }
  }
  const linked = batch.linked.map((ref) => ({ entity: ref.entity, id: createdIds[ref.id] ?? ref.id }))
  return deepFreeze({
    planId: batch.planId,
    kind: batch.planKind,
    created: summarise(created),
    updated,
    linked,
    alreadyExecuted: false,
    createdIds,
  })
}

function versionOf(answer: Answer, part: BatchPart): number {
  let version: unknown
  if (answer.message.body !== '') {
    try {
      version = (JSON.parse(answer.message.body) as { versionnumber?: unknown }).versionnumber
    } catch {
      throw malformed(`the answer to Content-ID ${part.contentId} is not JSON`)
    }
  }
  if (typeof version === 'number' && Number.isSafeInteger(version)) return version
  const etag = answer.message.headers.etag
  const fromEtag = etag === undefined ? undefined : ETAG_VERSION.exec(etag)?.[1]
  if (fromEtag !== undefined) return Number(fromEtag)
  throw malformed(
    `the answer to Content-ID ${part.contentId} carries no new version: keep the Prefer: return=representation header`,
  )
}

export function summarise(created: readonly EntityRef[]): CreatedEntities {
  const of = (entity: EntityRef['entity']): string[] =>
    created.filter((ref) => ref.entity === entity).map((ref) => ref.id)
  const accounts = of('account')
  const contacts = of('contact')
  return {
    ...(accounts[0] === undefined ? {} : { account: accounts[0] }),
    ...(contacts[0] === undefined ? {} : { contact: contacts[0] }),
    opportunities: of('opportunity'),
    leads: of('lead'),
    notes: of('note'),
    timelineEntries: of('timelineEntry'),
    all: created,
  }
}
