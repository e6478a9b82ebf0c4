// A stand-in for the Dataverse Web API's $batch endpoint, written from Microsoft's documentation of the wire format
// (https://learn.microsoft.com/power-apps/developer/data-platform/webapi/execute-batch-operations-using-web-api):
// it parses a multipart/mixed request with its own small parser (independent of the adapter's), runs the change
// set against an in-memory table of rows, resolves $<Content-ID> references, checks If-Match against the row's
// versionnumber, and answers as Dataverse does: a changesetresponse with one application/http part per request
// (204 with OData-EntityId for a create, 200 with the selected columns for a PATCH with return=representation), or,
// when a request fails, the failing request's error alone, everything rolled back.

export interface ParsedRequest {
  readonly contentId: string
  readonly method: string
  readonly url: string
  readonly headers: Record<string, string>
  readonly body: Record<string, unknown>
}

/** Parses a $batch request body into its change sets' requests (strict: CRLF line ends, as the spec requires). */
export function parseBatchChangesets(contentType: string, body: string): ParsedRequest[][] {
  const batch = /boundary=([^;]+)/.exec(contentType)?.[1]
  if (batch === undefined) throw new Error('no batch boundary')
  return splitParts(body, batch).map((changesetPart) => {
    const [changesetHead, changesetBody] = headAndBody(changesetPart)
    const changeset = /boundary=([^;\r\n]+)/.exec(changesetHead)?.[1]
    if (changeset === undefined) throw new Error('no change set boundary')
    return splitParts(changesetBody, changeset).map(parseRequest)
  })
}

/** The requests of a $batch body that must hold exactly one change set. */
export function parseBatchRequest(contentType: string, body: string): ParsedRequest[] {
  const changesets = parseBatchChangesets(contentType, body)
  if (changesets.length !== 1) throw new Error(`expected one change set, got ${changesets.length}`)
  return changesets[0] as ParsedRequest[]
}

function parseRequest(part: string): ParsedRequest {
  const [mimeHead, http] = headAndBody(part)
  if (!/Content-Type: application\/http/.test(mimeHead)) throw new Error('part is not application/http')
  if (!/Content-Transfer-Encoding: binary/.test(mimeHead)) throw new Error('part is not binary')
  const contentId = /Content-ID: (\d+)/.exec(mimeHead)?.[1]
  if (contentId === undefined) throw new Error('part has no Content-ID')
  const [requestHead, json] = headAndBody(http)
  const [requestLine, ...headerLines] = requestHead.split('\r\n')
  const [, method, url] = /^(POST|PATCH) (\S+) HTTP\/1\.1$/.exec(requestLine ?? '') ?? []
  if (method === undefined || url === undefined) throw new Error(`bad request line ${requestLine}`)
  const headers = Object.fromEntries(headerLines.map((line) => line.split(': ') as [string, string]))
  return { contentId, method, url, headers, body: JSON.parse(json.replace(/\r\n$/, '')) as Record<string, unknown> }
}

function splitParts(body: string, boundary: string): string[] {
  const end = body.indexOf(`--${boundary}--`)
  if (end === -1) throw new Error(`no closing --${boundary}--`)
  return body
    .slice(0, end)
    .split(`--${boundary}\r\n`)
    .slice(1)
    .map((part) => part.replace(/\r\n$/, ''))
}

function headAndBody(text: string): [string, string] {
  const at = text.indexOf('\r\n\r\n')
  if (at === -1) throw new Error('no blank line after headers')
  return [text.slice(0, at), text.slice(at + 4)]
}

export interface Row {
  [column: string]: unknown
}

export interface FakeOptions {
  /** Fail the request with this Content-ID with this status and Dataverse error. */
  readonly failAt?: {
    readonly contentId: string
    readonly status: number
    readonly code: string
    readonly message: string
  }
  /** Leave Content-ID out of the error part (older Dataverse versions). */
  readonly errorWithoutContentId?: boolean
}

const PRIMARY: Record<string, string> = {
  leads: 'leadid',
  accounts: 'accountid',
  contacts: 'contactid',
  opportunities: 'opportunityid',
  annotations: 'annotationid',
  systemusers: 'systemuserid',
  transactioncurrencies: 'transactioncurrencyid',
}

/** An in-memory organisation: rows by entity set and id. */
export class FakeDataverse {
  readonly rows = new Map<string, Row>()
  private nextId = 1
  private nextVersion = 5_000_000
  readonly requests: ParsedRequest[][] = []

  constructor(private readonly baseUrl: string) {}

  put(set: string, row: Row): void {
    this.rows.set(`${set}(${String(row[PRIMARY[set] as string])})`, { ...row })
  }

  get(set: string, id: string): Row | undefined {
    return this.rows.get(`${set}(${id})`)
  }

  /** Runs a $batch request and answers it: each change set all or nothing, in order. */
  batch(headers: Readonly<Record<string, string>>, body: string, options: FakeOptions = {}) {
    const changesets = parseBatchChangesets(headers['Content-Type'] ?? '', body)
    const continueOnError = headers.Prefer === 'odata.continue-on-error'
    const parts: string[] = []
    for (const requests of changesets) {
      this.requests.push(requests)
      const saved = new Map([...this.rows].map(([key, row]) => [key, { ...row }]))
      const locations = new Map<string, string>()
      const answers: string[] = []
      let failure: string | undefined
      for (const request of requests) {
        failure = this.run(request, locations, options)
        if (failure !== undefined) break
        answers.push(this.answer(request, locations))
      }
      if (failure === undefined) {
        parts.push(changesetResponse(answers, parts.length))
        continue
      }
      this.rows.clear()
      for (const [key, row] of saved) this.rows.set(key, row)
      parts.push(`Content-Type: application/http\r\nContent-Transfer-Encoding: binary\r\n${failure}\r\n`)
      if (!continueOnError) break
    }
    const batch = 'batchresponse_c1bd45c1-dd81-470d-b897-e965846aad2f'
    const text = `${parts.map((part) => `--${batch}\r\n${part}`).join('')}--${batch}--\r\n`
    return { status: 200, headers: { 'content-type': `multipart/mixed; boundary=${batch}` }, body: text }
  }

  private run(request: ParsedRequest, locations: Map<string, string>, options: FakeOptions): string | undefined {
    const fail = (status: number, code: string, message: string) =>
      `${options.errorWithoutContentId === true ? '' : `Content-ID: ${request.contentId}\r\n`}\r\n` +
      `HTTP/1.1 ${status} ${status === 412 ? 'Precondition Failed' : 'Bad Request'}\r\n` +
      `Content-Type: application/json; odata.metadata=minimal\r\nOData-Version: 4.0\r\n\r\n` +
      JSON.stringify({ error: { code, message } })
    if (options.failAt?.contentId === request.contentId) {
      return fail(options.failAt.status, options.failAt.code, options.failAt.message)
    }
    const body: Row = {}
    for (const [key, value] of Object.entries(request.body)) {
      const bind = /^(.+)@odata\.bind$/.exec(key)?.[1]
      if (bind === undefined) {
        body[key] = value
        continue
      }
      const target =
        typeof value === 'string' && value.startsWith('$') ? locations.get(value.slice(1)) : (value as string | null)
      if (target === undefined) return fail(400, '0x80060888', `Content-ID reference ${String(value)} is not defined`)
      if (target !== null && !this.rows.has(target.replace(/^\//, '').replace(this.baseUrl, ''))) {
        return fail(404, '0x80040217', `${target} Does Not Exist`)
      }
      body[`_${bind}_value`] = target === null ? null : /\(([^)]+)\)/.exec(target)?.[1]
    }
    if (request.method === 'POST') {
      const set = request.url.slice(this.baseUrl.length)
      const primary = PRIMARY[set] as string
      const id =
        (body[primary] as string | undefined) ?? `00000000-0000-4000-8000-${String(this.nextId++).padStart(12, '0')}`
      const key = `${set}(${id})`
      if (this.rows.has(key)) return fail(412, '0x80040237', 'A record with matching key values already exists.')
      this.rows.set(key, { ...body, [primary]: id, versionnumber: this.nextVersion++ })
      locations.set(request.contentId, `/${key}`)
      return undefined
    }
    const key = request.url.startsWith('$')
      ? locations.get(request.url.slice(1))?.slice(1)
      : request.url.slice(this.baseUrl.length).replace(/\?.*$/, '')
    const row = key === undefined ? undefined : this.rows.get(key)
    if (key === undefined || row === undefined) return fail(404, '0x80040217', `${request.url} Does Not Exist`)
    const ifMatch = request.headers['If-Match']
    if (ifMatch !== undefined && ifMatch !== `W/"${String(row.versionnumber)}"`) {
      const message = "The version of the existing record doesn't match the RowVersion property provided."
      return fail(412, '0x80060882', message)
    }
    this.rows.set(key, { ...row, ...body, versionnumber: this.nextVersion++ })
    locations.set(request.contentId, `/${key}`)
    return undefined
  }

  private answer(request: ParsedRequest, locations: Map<string, string>): string {
    const location = `${this.baseUrl}${(locations.get(request.contentId) ?? '').slice(1)}`
    const head = `Content-ID: ${request.contentId}\r\n\r\n`
    if (request.headers.Prefer === 'return=representation') {
      const row = this.rows.get(location.slice(this.baseUrl.length)) as Row
      return (
        `${head}HTTP/1.1 200 OK\r\nContent-Type: application/json; odata.metadata=minimal\r\nOData-Version: 4.0\r\n` +
        `ETag: W/"${String(row.versionnumber)}"\r\n\r\n` +
        JSON.stringify({ '@odata.etag': `W/"${String(row.versionnumber)}"`, versionnumber: row.versionnumber })
      )
    }
    return (
      `${head}HTTP/1.1 204 No Content\r\nOData-Version: 4.0\r\n` +
      `Location: ${location}\r\nOData-EntityId: ${location}\r\n\r\n`
    )
  }
}

function changesetResponse(answers: readonly string[], index: number): string {
  const changeset = `changesetresponse_ff83b4f1-ab48-430c-b81c-926a2c596ab${index}`
  let body = `Content-Type: multipart/mixed; boundary=${changeset}\r\n\r\n`
  for (const answer of answers) {
    body += `--${changeset}\r\nContent-Type: application/http\r\nContent-Transfer-Encoding: binary\r\n${answer}\r\n`
  }
  return `${body}--${changeset}--\r\n`
}
