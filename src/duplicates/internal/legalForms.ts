// The legal-form words normalizeCompanyName strips, shared with its SQL form (src/sql/internal/foldSql.ts).

/**
 * Legal-form words of the main jurisdictions, after folding (dots removed, so `S.p.A.` is `spa`). Only stripped at
 * the end of a name (repeatedly: `GmbH & Co. KG`), never when nothing would remain.
 */
export const LEGAL_FORMS: ReadonlySet<string> = new Set([
  // English-speaking
  'ltd', 'limited', 'inc', 'incorporated', 'corp', 'corporation', 'co', 'company', 'llc', 'llp', 'lp', 'plc',
  'pty', 'pte', 'pvt', 'private', 'lc', 'pllc', 'ulc',
  // German-speaking
  'gmbh', 'mbh', 'ag', 'kg', 'kgaa', 'ohg', 'ug', 'gbr', 'ev', 'se',
  // French, Spanish, Italian, Portuguese
  'sa', 'sas', 'sasu', 'sarl', 'eurl', 'sci', 'cie', 'srl', 'spa', 'snc', 'sl', 'slu', 'lda', 'ltda', 'sc',
  // Benelux, Nordics
  'bv', 'nv', 'bvba', 'vof', 'ab', 'as', 'asa', 'aps', 'oy', 'oyj', 'hf',
  // Central Europe
  'sro', 'zoo', 'sp', 'kft', 'zrt', 'nyrt', 'doo', 'dd',
  // Asia-Pacific
  'kk', 'yk', 'gk', 'bhd', 'sdn', 'tbk', 'pt',
])

/** Two-word legal forms whose parts are also ordinary words elsewhere: stripped only together. */
export const LEGAL_PAIRS: readonly (readonly [string, string])[] = [
  ['kabushiki', 'kaisha'],
  ['societe', 'anonyme'],
  ['naamloze', 'vennootschap'],
]
