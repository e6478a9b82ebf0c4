// The scoring benchmark's wide history: the generated leads with 4 custom attributes added, so training sees
// 20 attributes (the 16 built-in ones, 2 custom numbers, a custom category and a custom number of days). One of the
// numbers and the category carry a little signal; the rest is noise. Deterministic for a seed.
import { createPrng } from '../../src/internal/prng.js'
import type { Lead } from '../../src/records/types.js'
import { BUILT_IN_ATTRIBUTE_NAMES } from '../../src/scoring/internal/attributes.js'
import { generateScoringHistory } from './scoringGenerator.js'

/** The 20 attributes a wide model is trained on: every built-in one and the 4 custom ones. */
export const WIDE_ATTRIBUTES: readonly string[] = [
  ...BUILT_IN_ATTRIBUTE_NAMES,
  'extra.annualRevenue',
  'extra.webVisits',
  'extra.region',
  'extra.daysSinceLastContact',
]

const REGIONS = ['north', 'south', 'east', 'west', 'central', 'overseas']

/** `count` closed leads with the 4 custom attributes of {@link WIDE_ATTRIBUTES}. */
export function generateWideScoringHistory(count: number, now: string, seed = 42): Lead[] {
  const random = createPrng(seed + 1)
  return generateScoringHistory({ count, now, seed }).map((lead) => {
    const qualified = lead.state === 'qualified'
    const extra: Record<string, string | number> = {
      annualRevenue: Math.round(Math.exp(random() * 16)),
      webVisits: Math.floor(random() * (qualified ? 12 : 9)),
      region: REGIONS[Math.floor(random() * (random() < 0.2 && qualified ? 2 : REGIONS.length))] as string,
      daysSinceLastContact: Math.floor(random() * 120),
    }
    return { ...lead, extra }
  })
}
