import type { EntityName, RecordBase } from '../../records/types.js'
import type { EntityRepository, RepositorySet } from '../types.js'

/**
 * The property of a {@link RepositorySet} that holds each entity's repository.
 *
 * @example
 * REPOSITORY_KEYS.timelineEntry //=> 'timelineEntries'
 */
export const REPOSITORY_KEYS = Object.freeze({
  lead: 'leads',
  account: 'accounts',
  contact: 'contacts',
  opportunity: 'opportunities',
  note: 'notes',
  timelineEntry: 'timelineEntries',
} as const satisfies Record<EntityName, keyof RepositorySet>)

/**
 * The repository that stores records of an entity, for code that handles every entity alike (an executor, a
 * migration, a fault injector).
 *
 * @example
 * repositoryFor(repositories, 'opportunity') === repositories.opportunities //=> true
 */
export function repositoryFor(set: RepositorySet, entity: EntityName): EntityRepository<RecordBase> {
  return set[REPOSITORY_KEYS[entity]] as unknown as EntityRepository<RecordBase>
}
