// Internal: a scoring model's compiled form for scoreLead, kept with the model. Not exported from the package.
import { LeadkitError } from '../../errors.js'
import { isIsoInstant } from '../../internal/validate.js'
import type { Lead } from '../../records/types.js'
import { compileTerms, type CompiledTerms } from '../compileScoringModel.js'
import { parseScoringModel } from '../parseScoringModel.js'
import type { ScoringModel } from '../types.js'
import { compileConditions } from './conditions.js'
import { addUtcMonths, toMs } from './time.js'

/** A model's terms as lookup tables and its conditions as one predicate. */
export interface CompiledModel extends CompiledTerms {
  readonly meetsConditions: (lead: Lead) => boolean
}

/** What scoreLead needs of a model, made once per model: its compiled form, and the last `now` it checked. */
export class PreparedModel {
  /** The model as leadkit checked it: the trained or parsed model itself, or the parsed copy of a foreign one. */
  readonly model: ScoringModel
  #compiled: CompiledModel | undefined
  // Hosts score many leads with one `now`: the last one checked and its 2-year cutoff, one string and two numbers.
  #now: string | undefined
  #nowMs = 0
  #cutoffMs = 0

  constructor(model: ScoringModel) {
    this.model = model
  }

  /** The model compiled, the first time it is asked for (compiling costs far more than scoring one lead). */
  get compiled(): CompiledModel {
    const model = this.model
    return (this.#compiled ??= { ...compileTerms(model), meetsConditions: compileConditions(model.conditions) })
  }

  /** Epoch ms of the `now` last given to {@link twoYearCutoff}. */
  get nowMs(): number {
    return this.#nowMs
  }

  /** The earliest creation instant (epoch ms) of a lead scored at `now`: 24 calendar months before it, in UTC. */
  twoYearCutoff(now: unknown): number {
    if (now === this.#now) return this.#cutoffMs
    if (typeof now !== 'string' || !isIsoInstant(now)) {
      throw new LeadkitError({
        code: typeof now === 'string' ? 'invalid_format' : 'required',
        path: ['now'],
        message: 'now must be an ISO-8601 instant with a time zone, like 2026-03-01T09:30:00Z',
      })
    }
    this.#nowMs = toMs(now)
    this.#cutoffMs = addUtcMonths(this.#nowMs, -24)
    this.#now = now
    return this.#cutoffMs
  }
}

/**
 * Where a model leadkit made (trained or parsed) keeps its prepared form: a slot under a symbol only this module
 * knows, defined (not enumerable, so JSON, spreads and equality never see it) before the model is frozen, and
 * filled the first time scoreLead uses the model. It lives and dies with the model.
 */
const PREPARED = Symbol('leadkit.preparedScoringModel')

interface PreparedSlot {
  prepared?: PreparedModel
}

/**
 * Gives a model leadkit built its empty prepared slot; call it before freezing the model.
 *
 * @example
 * return deepFreeze(withPreparedSlot(model))
 */
export function withPreparedSlot<T extends ScoringModel>(model: T): T {
  Object.defineProperty(model, PREPARED, { value: {} satisfies PreparedSlot })
  return model
}

/**
 * The prepared form of a model. A model leadkit made (trained or parsed) carries a slot only this module can create,
 * which is its brand: it is compiled on first use into that slot. Any other object (a `JSON.parse` result, a spread
 * copy, a tampered model) is never trusted: it is read by {@link parseScoringModel} once, its parsed copy kept in
 * {@link foreignPrepared} for as long as the caller keeps the object, and refused with `invalid_model` (path to the
 * bad field) when it could not score. Later changes to that object are not seen: leadkit scores with the copy.
 *
 * @example
 * preparedOf(model).twoYearCutoff('2026-06-01T00:00:00Z') //=> Date.parse('2024-06-01T00:00:00Z')
 */
export function preparedOf(model: ScoringModel): PreparedModel {
  if (model !== null && typeof model === 'object' && Object.hasOwn(model, PREPARED)) {
    const slot = (model as ScoringModel & { readonly [PREPARED]: PreparedSlot })[PREPARED]
    return (slot.prepared ??= new PreparedModel(model))
  }
  if (model === null || typeof model !== 'object') return prepareForeign(model)
  let prepared = foreignPrepared?.get(model)
  if (prepared === undefined) {
    prepared = prepareForeign(model)
    ;(foreignPrepared ??= new WeakMap()).set(model, prepared)
  }
  return prepared
}

/** The model a function that takes one may trust: the model itself when leadkit made it, else its parsed copy. */
export function trustedModel(model: ScoringModel): ScoringModel {
  return preparedOf(model).model
}

function prepareForeign(model: unknown): PreparedModel {
  // parseScoringModel gives the copy its own slot; its prepared form is the one the copy keeps.
  return preparedOf(parseScoringModel(model))
}

/**
 * Prepared forms of models leadkit did not build, which are the caller's objects (and may be frozen), so leadkit
 * cannot give them a slot. Keyed weakly by the model, an entry lives exactly as long as the caller keeps the model
 * (its size is that of the model's attributes plus one text memo, see `createTextNormaliser`), and the map itself
 * is made only when the first such model arrives.
 */
let foreignPrepared: WeakMap<ScoringModel, PreparedModel> | undefined
