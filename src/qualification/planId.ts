// Internal: deterministic plan ids. Not exported from the package.
import { stableHash, stableStringify } from '../internal/stableHash.js'

/** The id of a plan: its kind, the lead, the version read and a hash of what was asked. */
export function planId(kind: string, leadId: string, version: number, request: unknown): string {
  return `${kind}:${leadId}:v${version}:${stableHash(stableStringify(request))}`
}
