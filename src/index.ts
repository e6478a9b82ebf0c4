// The public API of leadkit. Each domain folder's barrel lists its public names one by one; this file gathers them.
// `leadkit/adapters/postgres` is deliberately not re-exported: it is loaded only by hosts that use PostgreSQL.
export { LeadkitError, isLeadkitError } from './errors.js'
export type { Issue, IssuePath, LeadkitErrorCode, SafeParseResult } from './errors.js'
export type {
  BlockReason,
  CreateOperation,
  LinkOperation,
  PlanBase,
  PlanKind,
  PlanOperation,
  RecordPatch,
  RecordRead,
  UpdateOperation,
} from './plan.js'
export * from './records/index.js'
export * from './settings/index.js'
export * from './mapping/index.js'
export * from './qualification/index.js'
export * from './summary/index.js'
export * from './duplicates/index.js'
export * from './scoring/index.js'
export * from './persistence/index.js'
