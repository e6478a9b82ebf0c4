// The public API of leadkit, listed name by name.
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
