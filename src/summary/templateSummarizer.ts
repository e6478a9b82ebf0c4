import { buildLeadSummary } from './buildLeadSummary.js'
import type { Summarizer } from './types.js'

/**
 * The built-in summariser: the card {@link buildLeadSummary} makes from the lead's fields, with no AI involved.
 * Planners use it when the context names no other.
 *
 * @example
 * templateSummarizer.summarize({ lead: { ...lead, firstName: 'Ana', lastName: 'Ruiz' }, links: [] }).name //=> 'Ana Ruiz'
 */
export const templateSummarizer: Summarizer = Object.freeze<Summarizer>({
  summarize: (input) => buildLeadSummary(input.lead, input.links),
})
