import { enablePatches, Immer } from 'immer'

// Loading immer's patch plugin registers code, it changes no behaviour of the host's own immer use.
enablePatches()

/**
 * leadkit's private immer instance: auto-freezing, never configured through immer's global setters, so a host's
 * own use of immer is unaffected.
 */
export const immer = new Immer({ autoFreeze: true })

export const produce: typeof immer.produce = immer.produce
export const produceWithPatches: typeof immer.produceWithPatches = immer.produceWithPatches
export const applyPatches = immer.applyPatches.bind(immer) as typeof immer.applyPatches

/** Deep-freezes a plain JSON-like value in place and returns it (only call it on values leadkit built itself). */
export function deepFreeze<T>(value: T): T {
  if (value !== null && typeof value === 'object' && !Object.isFrozen(value)) {
    Object.freeze(value)
    for (const key of Object.keys(value as object)) deepFreeze((value as Record<string, unknown>)[key])
  }
  return value
}
