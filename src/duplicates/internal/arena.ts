/** Where a table's first typed arrays come from: the heap, one at a time, or an {@link Arena}. */
export interface Allocator {
  int32(length: number): Int32Array
  uint8(length: number): Uint8Array
  float64(length: number): Float64Array
}

/** Each array its own allocation. */
export const SEPARATE: Allocator = {
  int32: (length) => new Int32Array(length),
  uint8: (length) => new Uint8Array(length),
  float64: (length) => new Float64Array(length),
}

/**
 * Typed arrays as views into one `ArrayBuffer`, for the tables a duplicate index sizes up front from
 * `expectedRecords` (about 300 MB at a million records). V8 answers every 64 MB or so of new `ArrayBuffer` memory
 * made in separate allocations with a full collection of the whole heap, the caller's records included, where one
 * allocation of the same size costs none: after a million leads were generated, 256 MB in eight arrays took 3.5 s of
 * CPU (a mark-compact), in one buffer 0.9 s. The buffer lives while any view does: a table that outgrows its views
 * gets arrays of its own, and the old views' bytes go only with the index.
 */
export class Arena implements Allocator {
  private readonly buffer: ArrayBuffer
  private offset = 0

  /** The bytes `make` asks for, every array 8-byte aligned: call `make` again with an arena of this size. */
  static measure(make: (allocator: Allocator) => unknown): number {
    let bytes = 0
    make({
      int32: (length) => {
        bytes += aligned(length * 4)
        return new Int32Array(0)
      },
      uint8: (length) => {
        bytes += aligned(length)
        return new Uint8Array(0)
      },
      float64: (length) => {
        bytes += aligned(length * 8)
        return new Float64Array(0)
      },
    })
    return bytes
  }

  constructor(bytes: number) {
    this.buffer = new ArrayBuffer(bytes)
  }

  int32(length: number): Int32Array {
    const at = this.take(length * 4)
    return at === -1 ? new Int32Array(length) : new Int32Array(this.buffer, at, length)
  }

  uint8(length: number): Uint8Array {
    const at = this.take(length)
    return at === -1 ? new Uint8Array(length) : new Uint8Array(this.buffer, at, length)
  }

  float64(length: number): Float64Array {
    const at = this.take(length * 8)
    return at === -1 ? new Float64Array(length) : new Float64Array(this.buffer, at, length)
  }

  /** The offset of `bytes` more, or -1 when the buffer has no room left (the array is then made on its own). */
  private take(bytes: number): number {
    const at = this.offset
    if (at + bytes > this.buffer.byteLength) return -1
    this.offset = at + aligned(bytes)
    return at
  }
}

function aligned(bytes: number): number {
  return Math.ceil(bytes / 8) * 8
}
