// Calendar arithmetic on epoch milliseconds in UTC, for the scoring rules that count calendar months and years.
//
// Elapsed time and comparisons of instants use date-fns (isRescoreDue, shouldReplaceModel, selectScoringModel). The
// month and year rules stay hand-written here on purpose: the product measures them in UTC, so results must not
// depend on the host's time zone, and date-fns's addMonths and startOfYear work in the local zone (the suite runs
// under America/New_York to catch exactly that). date-fns can do it in UTC only through @date-fns/utc, which leadkit
// does not depend on. docs/scoring.md, "Dates and time", says which rule uses what.

/** Shifts an instant by whole calendar months in UTC, clamping the day to the target month's length. */
export function addUtcMonths(ms: number, months: number): number {
  const date = new Date(ms)
  const year = date.getUTCFullYear()
  const month = date.getUTCMonth() + months
  const lastDay = new Date(Date.UTC(year, month + 1, 0)).getUTCDate()
  return Date.UTC(
    year,
    month,
    Math.min(date.getUTCDate(), lastDay),
    date.getUTCHours(),
    date.getUTCMinutes(),
    date.getUTCSeconds(),
    date.getUTCMilliseconds(),
  )
}

/** 1 January 00:00 UTC of the year before the instant's year. */
export function startOfPreviousUtcYear(ms: number): number {
  return Date.UTC(new Date(ms).getUTCFullYear() - 1, 0, 1)
}

/**
 * Epoch milliseconds of an ISO instant, or NaN when it is absent or not a date. The training filter compares
 * hundreds of thousands of instants as numbers: a date-fns comparison would build two Date objects for each.
 */
export function toMs(value: string | undefined): number {
  return value === undefined ? Number.NaN : Date.parse(value)
}

/** The ISO instant of epoch milliseconds, in UTC with milliseconds, the form every leadkit instant is stored in. */
export function toIso(ms: number): string {
  return new Date(ms).toISOString()
}
