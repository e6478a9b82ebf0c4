import { readInteger } from '../../internal/validate.js'

/**
 * How far a fuzzy block is compared in full, read from the options of the duplicate index and of the SQL compiler
 * alike (`maxBlockSize`, `neighbourhood`), so both search an oversized block the same way.
 */
export interface BlockLimits {
  /** The largest fuzzy block whose records are all compared with one another. */
  readonly maxBlockSize: number
  /** In a larger block, the records compared on each side of a record in each of the two name orders. */
  readonly neighbourhood: number
}

/** The block limits of `options`, with their defaults (32 and 8); a value out of range throws `invalid_value`. */
export function readBlockLimits(options: { readonly maxBlockSize?: unknown; readonly neighbourhood?: unknown }): BlockLimits {
  return {
    maxBlockSize: readInteger(options.maxBlockSize, 'maxBlockSize', 2, 100_000, 32),
    neighbourhood: readInteger(options.neighbourhood, 'neighbourhood', 1, 1_000, 8),
  }
}
