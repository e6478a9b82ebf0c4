export { buildLeadSummary } from './buildLeadSummary.js'
export { templateSummarizer } from './templateSummarizer.js'
export type { Summarizer, SummaryCard, SummaryInput, SummaryLink } from './types.js'
