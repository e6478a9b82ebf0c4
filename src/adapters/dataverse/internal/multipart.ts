/**
 * The multipart/mixed text of OData `$batch` (OData 4.01 Part 1, 11.7.7 "Multipart Batch Format"): building a
 * request body with one change set, and reading a response body into its parts and HTTP responses. Lines end with
 * CRLF when written; a response is read whether its lines end with CRLF or LF.
 */
import { LeadkitError } from '../../../errors.js'

const CRLF = '\r\n'
/** More parts than a batch may hold (Dataverse: 1,000 requests): a response with more is refused before parsing. */
const MAX_PARTS = 2_000

/** One request of a change set, as text parts. */
export interface RequestPart {
  readonly contentId: number
  readonly method: string
  readonly url: string
  readonly headers: Readonly<Record<string, string>>
  readonly body: string
}

/** Writes a `$batch` body holding one change set per entry of `changesets`, in order. */
export function writeBatchBody(
  batchBoundary: string,
  changesets: readonly { readonly boundary: string; readonly parts: readonly RequestPart[] }[],
): string {
  let text = ''
  for (const changeset of changesets) {
    text += `--${batchBoundary}${CRLF}Content-Type: multipart/mixed; boundary=${changeset.boundary}${CRLF}${CRLF}`
    for (const part of changeset.parts) {
      text += `--${changeset.boundary}${CRLF}`
      text += `Content-Type: application/http${CRLF}Content-Transfer-Encoding: binary${CRLF}`
      text += `Content-ID: ${part.contentId}${CRLF}${CRLF}`
      text += `${part.method} ${part.url} HTTP/1.1${CRLF}`
      for (const [name, value] of Object.entries(part.headers)) text += `${name}: ${value}${CRLF}`
      text += `${CRLF}${part.body}${CRLF}`
    }
    text += `--${changeset.boundary}--${CRLF}${CRLF}`
  }
  return `${text}--${batchBoundary}--${CRLF}`
}

/** One MIME part: its headers (names lower-cased) and its body. */
export interface MimePart {
  readonly headers: Readonly<Record<string, string>>
  readonly body: string
}

/** One HTTP message inside a part: the status (responses) or the request line, headers and body. */
export interface HttpMessage {
  readonly startLine: string
  readonly headers: Readonly<Record<string, string>>
  readonly body: string
}

function malformed(message: string, path: readonly (string | number)[] = ['body']): LeadkitError {
  return new LeadkitError({ code: 'invalid_format', path, message: `malformed $batch response: ${message}` })
}

/** Splits a header block into lower-cased names and values. */
export function readHeaders(block: string): Record<string, string> {
  const headers: Record<string, string> = {}
  for (const line of block.split(/\r?\n/)) {
    if (line.trim() === '') continue
    const colon = line.indexOf(':')
    if (colon <= 0) throw malformed(`"${line.slice(0, 40)}" is not a header line`)
    headers[line.slice(0, colon).trim().toLowerCase()] = line.slice(colon + 1).trim()
  }
  return headers
}

/** Splits `text` at its first blank line into the header block and the rest. */
function splitHead(text: string): [string, string] {
  const match = /\r?\n\r?\n/.exec(text)
  if (match === null) return [text, '']
  return [text.slice(0, match.index), text.slice(match.index + match[0].length)]
}

/** The `boundary` parameter of a multipart Content-Type, quoted or not. */
export function boundaryOf(contentType: string | undefined): string | undefined {
  if (contentType === undefined || !/^\s*multipart\/mixed\s*(;|$)/i.test(contentType)) return undefined
  const match = /;\s*boundary\s*=\s*(?:"([^"]+)"|([^;\s]+))/i.exec(contentType)
  return match?.[1] ?? match?.[2]
}

/** The parts of a multipart body between `--boundary` delimiter lines, up to the closing `--boundary--`. */
export function readMultipart(body: string, boundary: string): MimePart[] {
  const delimiter = `--${boundary}`
  const lines = body.split(/\r?\n/)
  const parts: MimePart[] = []
  let current: string[] | undefined
  let closed = false
  for (const line of lines) {
    const trimmed = line.trimEnd()
    if (trimmed === delimiter || trimmed === `${delimiter}--`) {
      if (current !== undefined) parts.push(toPart(current))
      if (parts.length > MAX_PARTS) throw malformed(`more than ${MAX_PARTS} parts`)
      if (trimmed !== delimiter) {
        closed = true
        break
      }
      current = []
    } else if (current !== undefined) {
      current.push(line)
    }
  }
  if (!closed) throw malformed(`no closing delimiter --${boundary.slice(0, 60)}--`)
  return parts
}

function toPart(lines: readonly string[]): MimePart {
  const [head, body] = splitHead(lines.join('\n'))
  // The line break before a delimiter belongs to the delimiter (RFC 2046), not to the body.
  return { headers: readHeaders(head), body: body.replace(/\n$/, '') }
}

/** Reads an `application/http` part's body: the start line, the headers and the body of the HTTP message. */
export function readHttpMessage(text: string): HttpMessage {
  const trimmed = text.replace(/^(\r?\n)+/, '')
  const newline = trimmed.search(/\r?\n/)
  const startLine = (newline === -1 ? trimmed : trimmed.slice(0, newline)).trim()
  const [head, body] = splitHead(newline === -1 ? '' : trimmed.slice(newline + 1))
  return { startLine, headers: readHeaders(head), body: body.trim() }
}

/** The status code of a response start line (`HTTP/1.1 204 No Content`). */
export function statusOf(message: HttpMessage): number {
  const match = /^HTTP\/\d(?:\.\d)?\s+(\d{3})\b/.exec(message.startLine)
  if (match === null) throw malformed(`"${message.startLine.slice(0, 40)}" is not an HTTP status line`)
  return Number(match[1])
}
