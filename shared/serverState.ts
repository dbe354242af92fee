import type { SerializedSchemaV2 } from '@tldraw/store'
import { T } from '@tldraw/validate'
import { recordAttributionValidator, type RecordAttribution } from './attribution'
import { CAPABILITIES, type Capability } from './capabilities'
import type { CreditedParticipant } from './credit'
import { licenceChoiceValidator, type LicenceChoice } from './export/licences'
import { publishedVoteValidator, type PublishedVote } from './dotVote'
import { hiddenCardValidator, type HiddenCard } from './hiddenCards'
import { importedAttributionValidator, type ImportedAttribution } from './importedAttribution'
import { participantIdValidator, participantValidator } from './participant'
import { serializedSchemaValidator } from './serializedSchemaValidator'
import { sessionStateValidator, type SessionState } from './sessionState'
import { voiceBalanceValidator, type VoiceBalance } from './voiceBalance'

/**
 * What only the server decides about a board, kept out of the Yjs document (which holds only
 * what people write) and sent on a channel only the server writes: message
 * `CommonmapMessage.serverState` (shared/protocol.ts). Each state is a map from a key to a value
 * of its own type; a state with one value keeps it under {@link CURRENT_KEY}.
 *
 * - `people`: participant id → the participant as they chose to be credited (shared/credit.ts).
 *   A "not named" person's name and role never appear.
 * - `facilitators`: participant id → true, for each person who may run the session (has the
 *   `facilitate` capability). Never fewer than one once a board has a facilitator.
 * - `removed`: participant id → true, for each person a facilitator removed from the board. They
 *   stay in `people`, credited as they chose, for what they added.
 * - `contributions`: participant id → how many shapes they are credited on (added, or changed
 *   the words of). Absent: none.
 * - `attribution`: shape id → who it is credited to, folded from the contribution ledger.
 * - `voiceBalance`: `current` → each role's share of people and contributions.
 * - `licence`: `current` → the licence someone chose. Absent: the default (`licenceInForce`).
 * - `imported`: shape id → where a shape that came in with a board file came from.
 * - `session`: `current` → the stage and timer a facilitator set (shared/sessionState.ts).
 *   Absent: nobody has run the session yet.
 * - `vote`: `current` → the board's latest dot vote, with results once they are for everyone
 *   (shared/dotVote.ts). Absent: nobody has opened one. Nobody's own dots are ever in it.
 * - `watching`: `current` → how many connections watch through a watch link now (nobody's
 *   name: they are not participants). Absent: none.
 * - `hidden`: shape id → a card someone took down for review (shared/hiddenCards.ts), until a
 *   facilitator restores or removes it. Clients without `facilitate` do not show it.
 * - `schema`: `current` → the tldraw schema the board's records conform to. A client uses the
 *   schema the server states, never one found in the document.
 */
export interface ServerStates {
  readonly people: CreditedParticipant
  readonly facilitators: true
  readonly removed: true
  readonly contributions: number
  readonly attribution: RecordAttribution
  readonly voiceBalance: VoiceBalance
  readonly licence: LicenceChoice
  readonly imported: ImportedAttribution
  readonly session: SessionState
  readonly vote: PublishedVote
  readonly watching: number
  readonly hidden: HiddenCard
  readonly schema: SerializedSchemaV2
}

/** The name of one server-owned state. */
export type ServerStateName = keyof ServerStates

/** The key of the value of a state that holds one value (`voiceBalance`, `licence`, `schema`). */
export const CURRENT_KEY = 'current'

const countValidator = T.number.check((count) => {
  if (!Number.isInteger(count) || count < 0) throw new T.ValidationError('Expected a count')
})

/** How each state's keys and values are checked when they arrive (never trusted unchecked). */
export const SERVER_STATES: {
  readonly [N in ServerStateName]: {
    readonly key: (key: string) => boolean
    readonly value: T.Validator<ServerStates[N]>
  }
} = {
  people: { key: (key) => participantIdValidator.isValid(key), value: participantValidator },
  facilitators: { key: (key) => participantIdValidator.isValid(key), value: T.literal(true) },
  removed: { key: (key) => participantIdValidator.isValid(key), value: T.literal(true) },
  contributions: { key: (key) => participantIdValidator.isValid(key), value: countValidator },
  attribution: { key: (key) => key.startsWith('shape:'), value: recordAttributionValidator },
  voiceBalance: { key: isCurrent, value: voiceBalanceValidator },
  licence: { key: isCurrent, value: licenceChoiceValidator },
  imported: { key: (key) => key.startsWith('shape:'), value: importedAttributionValidator },
  session: { key: isCurrent, value: sessionStateValidator },
  vote: { key: isCurrent, value: publishedVoteValidator },
  watching: { key: isCurrent, value: countValidator },
  hidden: { key: (key) => key.startsWith('shape:'), value: hiddenCardValidator },
  schema: { key: isCurrent, value: serializedSchemaValidator },
}

/** Every state name, in a fixed order. */
export const SERVER_STATE_NAMES = Object.keys(SERVER_STATES) as ServerStateName[]

function isCurrent(key: string): boolean {
  return key === CURRENT_KEY
}

/** True when `value` names a server-owned state. */
export function isServerStateName(value: unknown): value is ServerStateName {
  return typeof value === 'string' && Object.hasOwn(SERVER_STATES, value)
}

/** Every entry of some states, by state name and key. */
export type ServerStateEntries = {
  readonly [N in ServerStateName]?: Readonly<Record<string, ServerStates[N]>>
}

/** What changed in some states: entries set (added or replaced) and keys deleted. */
export type ServerStatePatch = {
  readonly [N in ServerStateName]?: {
    readonly set?: Readonly<Record<string, ServerStates[N]>>
    readonly delete?: readonly string[]
  }
}

/** What the server tells one connection about itself. */
export interface ConnectionFacts {
  /** The participant the connection's token belongs to, or null (a watch link). */
  readonly participantId: string | null
  /** What the server lets this connection do (shared/capabilities.ts). */
  readonly capabilities: readonly Capability[]
}

/**
 * A `serverState` message (server → client; a varString of this as JSON):
 * - `snapshot`: every state, and who the connection is; sent once per connection, after which
 *   the client has the server's state (a client is "synced" when it has this and the document);
 * - `patch`: changes since, in the order the server made them;
 * - `you`: the connection's facts changed (a capability given or taken back).
 */
export type ServerStateMessage =
  | {
      readonly kind: 'snapshot'
      readonly you: ConnectionFacts
      readonly states: ServerStateEntries
    }
  | { readonly kind: 'patch'; readonly states: ServerStatePatch }
  | { readonly kind: 'you'; readonly you: ConnectionFacts }

const connectionFactsValidator: T.Validator<ConnectionFacts> = T.object({
  participantId: participantIdValidator.nullable(),
  capabilities: T.arrayOf(T.literalEnum(...CAPABILITIES)),
}) as unknown as T.Validator<ConnectionFacts>

/** One state's entries, as a message brings them once checked. */
export type StateEntries = ReadonlyMap<string, unknown>

/**
 * A `serverState` message as read, checked and ready to apply: entries in maps (a large board's
 * snapshot holds ten thousand, so reading makes them in one pass), anything invalid left out.
 */
export type ReadServerState =
  | {
      readonly kind: 'snapshot'
      readonly you: ConnectionFacts
      readonly states: ReadonlyMap<ServerStateName, StateEntries>
    }
  | {
      readonly kind: 'patch'
      readonly set: ReadonlyMap<ServerStateName, StateEntries>
      readonly deleted: ReadonlyMap<ServerStateName, readonly string[]>
    }
  | { readonly kind: 'you'; readonly you: ConnectionFacts }

/** A message as it arrived, with what could not be checked left out and counted. */
export interface ReadServerStateMessage {
  readonly message: ReadServerState
  /** Entries dropped because their key or value was not valid for their state. */
  readonly dropped: number
}

/**
 * Checks a `serverState` message (already parsed from JSON). Returns undefined for a message that
 * is not one; otherwise the message with every invalid entry (and unknown state) left out, so one
 * bad value cannot keep the rest from a person.
 */
export function readServerStateMessage(json: unknown): ReadServerStateMessage | undefined {
  if (!isObject(json)) return undefined
  const { kind, you, states } = json
  let dropped = 0
  /** The valid entries of each known state in `values` (by state name), counting the rest. */
  const readStates = (values: Record<string, unknown>, pick: (change: unknown) => unknown) => {
    const read = new Map<ServerStateName, StateEntries>()
    for (const name in values) {
      const entries = pick(values[name])
      if (!isServerStateName(name) || !isObject(entries)) {
        if (entries !== undefined || !isServerStateName(name)) dropped++
        continue
      }
      const { key: isKey, value } = SERVER_STATES[name] as {
        key: (key: string) => boolean
        value: T.Validator<unknown>
      }
      const valid = new Map<string, unknown>()
      for (const key in entries) {
        const entry = entries[key]
        if (isKey(key) && value.isValid(entry)) valid.set(key, entry)
        else dropped++
      }
      read.set(name, valid)
    }
    return read
  }
  switch (kind) {
    case 'you':
      return connectionFactsValidator.isValid(you) ? { message: { kind, you }, dropped } : undefined
    case 'snapshot': {
      if (!connectionFactsValidator.isValid(you) || !isObject(states)) return undefined
      return { message: { kind, you, states: readStates(states, (entries) => entries) }, dropped }
    }
    case 'patch': {
      if (!isObject(states)) return undefined
      const set = readStates(states, (change) => (isObject(change) ? change.set : undefined))
      const deleted = new Map<ServerStateName, readonly string[]>()
      for (const name in states) {
        const keys = (states[name] as { delete?: unknown } | undefined)?.delete
        if (!isServerStateName(name) || !Array.isArray(keys)) continue
        const isKey = SERVER_STATES[name].key
        deleted.set(
          name,
          keys.filter((key): key is string => typeof key === 'string' && isKey(key)),
        )
      }
      return { message: { kind, set, deleted }, dropped }
    }
    default:
      return undefined
  }
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
}

/**
 * What the server tells one connection in a `notice` message (server → client; a varString of
 * {@link ServerNotice} as JSON), each kind at most once per connection: something it sent was
 * refused, or something happened to its connection. The words are here so every client says the
 * same: a short title and the sentence that explains it.
 */
export const NOTICES = {
  'view-only': {
    title: 'Not kept',
    message:
      'You can watch this board but not change it, so what you just did was not kept. Ask the facilitator if you should be able to add to it.',
  },
  'record-refused': {
    title: 'Not kept',
    message:
      'Part of what you just did could not be kept, so it was put back as it was. Please try again, or reload the page if it keeps happening.',
  },
  'board-full': {
    title: 'Not kept',
    message:
      'This board is full, so what you just added was not kept. Remove things nobody needs any more, or start a new board for the rest.',
  },
  // Said by the app itself, never by the server: a record over MAX_RECORD_BYTES (shared/limits.ts).
  'too-large': {
    title: 'Not shared',
    message:
      'That is too big to share on the board, so it was put back as it was. Split the words over several cards.',
  },
  'too-slow': {
    title: 'Connection started again',
    message:
      'Your connection could not keep up with the board, so it was started again. Nothing you did was lost. If it keeps happening, move closer to the wifi or close other apps.',
  },
} as const satisfies Record<string, { title: string; message: string }>

/** One of the kinds of notice in {@link NOTICES}. */
export type NoticeCode = keyof typeof NOTICES

/** A notice from the server, in plain words. */
export interface ServerNotice {
  readonly code: NoticeCode
  readonly title: string
  readonly message: string
}
