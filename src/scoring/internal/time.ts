// UTC calendar arithmetic on epoch milliseconds, so results never depend on the host's time zone.

const DAY_MS = 86_400_000

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

/** Milliseconds of 24 hours. */
export const HOURS_24_MS = DAY_MS

/** Epoch milliseconds of an ISO instant, or NaN when it is absent or not a date. */
export function toMs(value: string | undefined): number {
  return value === undefined ? Number.NaN : Date.parse(value)
}

/** An ISO instant of epoch milliseconds. */
export function toIso(ms: number): string {
  return new Date(ms).toISOString()
}
