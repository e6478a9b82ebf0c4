// Internal: deterministic plan ids. Not exported from the package.
import { stableHash, stableStringify } from '../../internal/stableHash.js'
import { flat } from './common.js'

/** The id of a plan: its kind, the lead, the version read and a hash of what was asked. */
export function planId(kind: string, leadId: string, version: number, request: unknown): string {
  const text = stableStringify(request)
  // Bulk planning hashes the same (mostly empty) request for every lead: hash it once.
  if (text !== lastText) {
    lastText = text
    lastHash = stableHash(text)
  }
  return flat(`${kind}:${leadId}:v${version}:${lastHash}`)
}

let lastText: string | undefined
let lastHash = ''
