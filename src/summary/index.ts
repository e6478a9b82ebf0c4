// The lead summary card and the Summarizer interface an AI summariser implements.
export { buildLeadSummary } from './buildLeadSummary.js'
export { templateSummarizer } from './templateSummarizer.js'
export type { Summarizer, SummaryCard, SummaryInput, SummaryLink } from './types.js'
