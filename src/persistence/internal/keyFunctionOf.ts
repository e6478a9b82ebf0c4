import { LeadkitError } from '../../errors.js'
import { asLeadkitError, describe } from '../../internal/validate.js'
import { duplicateKeysFromRules } from '../duplicateKeysFromRules.js'
import type { DuplicateKeyedRecords, DuplicateKeysFunction, RepositoryOptions } from '../types.js'

/**
 * The key function of repository options: the host's, checked, or the one the options' rules imply. Shared by the
 * stores (the PostgreSQL adapter uses it too).
 */
export function keyFunctionOf(options: RepositoryOptions, caller: string): DuplicateKeysFunction<DuplicateKeyedRecords> {
  let duplicateKeys: unknown
  let duplicateRules: unknown
  try {
    duplicateKeys = options.duplicateKeys
    duplicateRules = options.duplicateRules
  } catch (error) {
    throw asLeadkitError(error, ['options'])
  }
  if (duplicateKeys !== undefined && typeof duplicateKeys !== 'function') {
    const message =
      `${caller} needs options.duplicateKeys to be a function (got ${describe(duplicateKeys)}): ` +
      '(entity, record) => keys, or leave it out to key by the duplicate rules'
    throw new LeadkitError({ code: 'invalid_type', path: ['options', 'duplicateKeys'], message })
  }
  if (duplicateKeys !== undefined) return duplicateKeys as DuplicateKeysFunction<DuplicateKeyedRecords>
  try {
    return duplicateKeysFromRules(duplicateRules as RepositoryOptions['duplicateRules'])
  } catch (error) {
    const failure = asLeadkitError(error)
    throw new LeadkitError(
      failure.issues.map((issue) => ({ ...issue, path: ['options', 'duplicateRules', ...issue.path.slice(issue.path[0] === 'rules' ? 1 : 0)] })),
      { cause: failure },
    )
  }
}
