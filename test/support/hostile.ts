/**
 * Hostile values for the "only LeadkitError escapes" fuzzer: fast-check's `anything()`, plus what a property test
 * rarely makes by chance — objects nested 5,000 levels deep, circular ones, huge strings and arrays, getters and
 * proxies that throw — and plausible values (a valid lead, settings, a `now`) so that a later argument is reached
 * past a valid earlier one. Built once, on first use.
 */
import fc from 'fast-check'

/** `{ a: { a: … } }` nested `depth` levels. */
export function deepObject(depth: number): Record<string, unknown> {
  const root: Record<string, unknown> = {}
  let node = root
  for (let i = 0; i < depth; i++) {
    const next: Record<string, unknown> = {}
    node.a = next
    node = next
  }
  return root
}

/** `[[[…]]]` nested `depth` levels. */
export function deepArray(depth: number): unknown[] {
  const root: unknown[] = []
  let node = root
  for (let i = 0; i < depth; i++) {
    const next: unknown[] = []
    node.push(next)
    node = next
  }
  return root
}

/** An object (a copy of `base`) whose every listed key is a getter that throws. */
export function throwingGetters(keys: readonly string[], base: object = {}): object {
  const object = { ...base }
  for (const key of keys) {
    Object.defineProperty(object, key, {
      enumerable: true,
      get() {
        throw new Error(`getter ${key} threw`)
      },
    })
  }
  return object
}

/** A proxy whose every trap throws. */
export function throwingProxy(): object {
  const trap = () => {
    throw new Error('proxy trap threw')
  }
  return new Proxy({}, { get: trap, has: trap, ownKeys: trap, getOwnPropertyDescriptor: trap, getPrototypeOf: trap })
}

function circular(): Record<string, unknown> {
  const object: Record<string, unknown> = { id: 'c1', lastName: 'Loop', name: 'Loop' }
  object.self = object
  object.extra = { back: object }
  const list: unknown[] = [object]
  list.push(list)
  object.list = list
  return object
}

const FIELD_KEYS = ['id', 'firstName', 'lastName', 'name', 'email', 'state', 'rules', 'extra', 'experience', 'bands']

/**
 * The special values every argument position may get, by name. They are made once and handed to the functions under
 * test by name (see {@link argumentArbitrary}): fast-check itself inspects and prints the values it generates, which
 * a throwing proxy or a 5,000-deep object would break.
 */
export function specialValues(plausible: readonly unknown[]): ReadonlyMap<string, unknown> {
  const revocable = Proxy.revocable({}, {})
  revocable.revoke()
  const huge = 'x'.repeat(1_048_576 + 1)
  const specials = new Map<string, unknown>([
    ['deep object (5,000 levels)', deepObject(5_000)],
    ['deep array (5,000 levels)', deepArray(5_000)],
    ['extra 5,000 levels deep', { extra: deepObject(5_000) }],
    ['address 5,000 levels deep', { address: deepObject(5_000) }],
    ['circular object', circular()],
    ['1 MB string', huge],
    ["'x' + ' ltd' x 50,000", `x${' ltd'.repeat(50_000)}`],
    ['names of 1 MB', { firstName: huge, lastName: huge, name: huge, email: huge }],
    ['array of 200,000 zeros', new Array(200_000).fill(0)],
    ['10,000 records', Array.from({ length: 10_000 }, (_, i) => ({ id: `r${i}` }))],
    ['throwing getters', throwingGetters(FIELD_KEYS)],
    ['throwing proxy', throwingProxy()],
    ['revoked proxy', revocable.proxy],
    ['null-prototype object', Object.create(null)],
    ['invalid Date', new Date(Number.NaN)],
    ['Map', new Map([['a', 1]])],
    ['symbol', Symbol('s')],
    ['bigint', 10n],
    [
      'throwing callback',
      () => {
        throw new Error('callback threw')
      },
    ],
  ])
  for (const [index, value] of plausible.entries()) {
    if (value === null || typeof value !== 'object' || Array.isArray(value)) continue
    specials.set(`plausible ${index} with extra 5,000 levels deep`, { ...value, extra: deepObject(5_000) })
    specials.set(`plausible ${index} with throwing getters`, throwingGetters(['firstName', 'rules', 'state'], value))
  }
  return specials
}

/** How an argument is chosen: a value from `anything()`, or a special or plausible value named by its key. */
export type ArgumentChoice =
  | { readonly anything: unknown }
  | { readonly special: string }
  | { readonly plausible: number }

/** One argument position: anything, a special hostile value, or a plausible valid one. */
export function argumentArbitrary(
  plausibleCount: number,
  specialNames: readonly string[],
): fc.Arbitrary<ArgumentChoice> {
  const anything = fc.anything({
    maxDepth: 3,
    withBigInt: true,
    withDate: true,
    withMap: true,
    withSet: true,
    withNullPrototype: true,
    withTypedArray: true,
    withSparseArray: true,
    withBoxedValues: true,
  })
  return fc.oneof(
    { weight: 3, arbitrary: anything.map((value) => ({ anything: value })) },
    { weight: 2, arbitrary: fc.constantFrom(...specialNames).map((special) => ({ special })) },
    { weight: 3, arbitrary: fc.nat({ max: plausibleCount - 1 }).map((plausible) => ({ plausible })) },
  )
}

/** The value an {@link ArgumentChoice} stands for. */
export function argumentValue(
  choice: ArgumentChoice,
  plausible: readonly unknown[],
  specials: ReadonlyMap<string, unknown>,
): unknown {
  if ('anything' in choice) return choice.anything
  if ('special' in choice) return specials.get(choice.special)
  return plausible[choice.plausible]
}
