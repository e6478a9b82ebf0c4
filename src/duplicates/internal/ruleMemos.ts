import { BoundedMemo, type MemoLimits } from '../../internal/memo.js'
import { normalizeCompanyName } from '../normalizeCompanyName.js'
import { parsePhone, phoneFastPath } from '../normalizePhone.js'
import { phoneticKey } from '../phonetic.js'

// Bounds of the memos one rule set (one duplicate index, one findDuplicates call) keeps. Sized for a million-lead
// table: ~240,000 distinct company spellings, ~62,000 distinct name parts, tens of thousands of phone formats that
// need the parser. At their byte bounds the three hold at most 96 MB; a memo that reaches a bound is cleared.
// Keys longer than real names, companies or phone numbers are computed each time and never held.
const COMPANY_LIMITS: MemoLimits = { maxEntries: 400_000, maxBytes: 48 * 2 ** 20, maxKeyLength: 200 }
const PHONETIC_LIMITS: MemoLimits = { maxEntries: 100_000, maxBytes: 16 * 2 ** 20, maxKeyLength: 64 }
const PHONE_LIMITS: MemoLimits = { maxEntries: 200_000, maxBytes: 32 * 2 ** 20, maxKeyLength: 64 }

/**
 * The memos of one compiled rule set, each made on first use: what the rules normalise again and again (company
 * names, name sounds, phone numbers that need the parser) is computed once per distinct spelling. They belong to
 * the rule set, so they go when it goes, and each is bounded in entries and bytes (see `MemoLimits`).
 */
export class RuleMemos {
  private company: BoundedMemo<string> | undefined
  private phonetic: BoundedMemo<string> | undefined
  private readonly phones = new Map<string, BoundedMemo<string | undefined>>()
  private readonly shared = new Map<string, unknown>()

  /**
   * One object per `key` for the whole rule set, made by `make` when first asked: rules that prepare records the
   * same way (the default name rules) share one preparation of each record instead of one each.
   */
  sharedBy<T>(key: string, make: () => T): T {
    let value = this.shared.get(key) as T | undefined
    if (value === undefined) {
      value = make()
      this.shared.set(key, value)
    }
    return value
  }

  /** {@link normalizeCompanyName}, memoised. */
  companyName(name: string): string {
    this.company ??= new BoundedMemo(normalizeCompanyName, COMPANY_LIMITS)
    return this.company.get(name)
  }

  /** {@link phoneticKey}, memoised. */
  phoneticKey(name: string): string {
    this.phonetic ??= new BoundedMemo(phoneticKey, PHONETIC_LIMITS)
    return this.phonetic.get(name)
  }

  /** `normalizePhone(phone, { defaultRegion: region })` with `region` upper-cased; only the parser is memoised. */
  phone(phone: string, region: string | undefined): string | undefined {
    const fast = phoneFastPath(phone, region)
    if (fast !== null) return fast === '' ? undefined : fast
    const key = region ?? ''
    let memo = this.phones.get(key)
    if (memo === undefined) {
      memo = new BoundedMemo((text) => parsePhone(text, region), PHONE_LIMITS, (value) => value?.length ?? 0)
      this.phones.set(key, memo)
    }
    return memo.get(phone)
  }

  /** Bytes the memos hold now, as counted against their bounds (for tests and benchmarks). */
  get retainedBytes(): number {
    let bytes = (this.company?.retainedBytes ?? 0) + (this.phonetic?.retainedBytes ?? 0)
    for (const memo of this.phones.values()) bytes += memo.retainedBytes
    return bytes
  }
}
