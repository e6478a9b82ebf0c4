/**
 * Types of the lead summary card placed on the timelines of a qualified lead and its primary opportunity.
 */
import type { EntityName, Lead } from '../records/types.js'

/**
 * A link from the summary card to a record the qualification created or used.
 *
 * @example
 * const link: SummaryLink = { entity: 'account', id: 'acc-1', label: 'Account: Contoso' }
 */
export interface SummaryLink {
  readonly entity: EntityName
  readonly id: string
  readonly label: string
}

/**
 * The lead summary card: the lead's key facts and links to the records qualification created.
 *
 * @example
 * const card: SummaryCard = {
 *   title: 'Lead summary: Ana Ruiz',
 *   name: 'Ana Ruiz',
 *   links: [],
 *   text: 'Ana Ruiz was qualified.',
 * }
 */
export interface SummaryCard {
  readonly title: string
  /** The lead's full name, when it has one. */
  readonly name?: string
  readonly company?: string
  readonly email?: string
  /** The business phone, or the mobile phone when there is no business phone. */
  readonly phone?: string
  /** The address on one line, e.g. `1 Main St, Seattle, WA 98101, United States`. */
  readonly address?: string
  readonly links: readonly SummaryLink[]
  /** The summary as prose, for the timeline entry's body. */
  readonly text: string
}

/**
 * What a {@link Summarizer} is given: the lead and the records qualification links it to.
 *
 * @example
 * const input: SummaryInput = { lead, links: [{ entity: 'opportunity', id: 'opp-1', label: 'Opportunity: Renewal' }] }
 */
export interface SummaryInput {
  readonly lead: Lead
  readonly links: readonly SummaryLink[]
}

/**
 * Turns a lead into a summary card. It is synchronous so planning stays pure: a host with an AI summariser runs it
 * before planning (it is asynchronous and does I/O) and passes its text in through a summariser that returns it.
 *
 * @example
 * const aiText = await copilot.summarize(lead) // host code, before planning
 * const summarizer: Summarizer = { summarize: (input) => ({ ...buildLeadSummary(input.lead, input.links), text: aiText }) }
 * planQualification(lead, settings, request, { now, summarizer }).summary?.text //=> aiText
 */
export interface Summarizer {
  summarize(input: SummaryInput): SummaryCard
}
