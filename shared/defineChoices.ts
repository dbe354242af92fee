import { T } from '@tldraw/validate'

/** One option of a fixed set (a kind of service, a route kind…), with the words people see. */
export interface Choice<Id extends string> {
  /** Stored in the document: never changes once published. */
  readonly id: Id
  /** What the interface calls it. */
  readonly label: string
  /** One plain-language sentence saying what it means, for forms and the legend. */
  readonly description: string
}

/** A fixed set of options, in the order forms and the legend list them. */
export interface ChoiceList<Id extends string> {
  readonly ids: readonly Id[]
  readonly all: readonly Choice<Id>[]
  /** Validates a stored id. */
  readonly validator: T.Validator<Id>
  /** The option with this id. */
  get(id: Id): Choice<Id>
  /** True when `value` is one of the ids. */
  has(value: unknown): value is Id
}

/**
 * Declares a fixed set of options. Labels are given as a record keyed by id so the compiler
 * refuses a set where an id has no words, and the order of `ids` is the order people see.
 */
export function defineChoices<const Ids extends readonly [string, ...string[]]>(
  ids: Ids,
  words: { readonly [Id in Ids[number]]: Omit<Choice<Id>, 'id'> },
): ChoiceList<Ids[number]> {
  type Id = Ids[number]
  const all: Choice<Id>[] = ids.map((id: Id) => ({ id, ...words[id] }))
  const byId = new Map<string, Choice<Id>>(all.map((choice) => [choice.id, choice]))
  return {
    ids,
    all,
    validator: T.literalEnum(...ids) as T.Validator<Id>,
    get: (id) => {
      const choice = byId.get(id)
      if (!choice) throw new Error(`Unknown option: ${id}`)
      return choice
    },
    has: (value): value is Id => typeof value === 'string' && byId.has(value),
  }
}
