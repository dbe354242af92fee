import * as decoding from 'lib0/decoding'
import * as encoding from 'lib0/encoding'
import { messageYjsSyncStep1, messageYjsSyncStep2, messageYjsUpdate } from 'y-protocols/sync'
import { CommonmapMessage } from '../../shared/protocol'
import type { ServerNotice } from '../../shared/serverState'

/**
 * The y-websocket wire format: every frame starts with a varUint message type. Sync frames
 * carry a second varUint (step 1 / step 2 / update) and then a length-prefixed payload;
 * awareness frames carry a length-prefixed awareness update.
 */
export const MessageType = {
  sync: 0,
  awareness: 1,
  /** Sent by y-websocket's permission extension; Commonmap has no per-message auth. */
  auth: 2,
  queryAwareness: 3,
} as const

/** A frame a client sent, decoded just enough to act on it. Payloads are views, not copies. */
export type ClientMessage =
  | { readonly type: 'sync-step-1'; readonly stateVector: Uint8Array }
  | { readonly type: 'sync-step-2'; readonly update: Uint8Array }
  | { readonly type: 'update'; readonly update: Uint8Array }
  | { readonly type: 'awareness'; readonly update: Uint8Array }
  | { readonly type: 'auth' }
  | { readonly type: 'query-awareness' }
  /** One of Commonmap's own message types (100 and up), for the plug-in that handles it. */
  | { readonly type: 'custom'; readonly messageType: number; readonly payload: Uint8Array }

/** Commonmap's own message types start here; y-websocket's are below (shared/protocol.ts). */
const FIRST_CUSTOM_TYPE = 100

/** A frame that is not a y-websocket message. */
export class MalformedMessageError extends Error {
  override readonly name = 'MalformedMessageError'
}

/** The largest payload accepted for each custom message type a room handles. */
export type CustomMessageLimits = ReadonlyMap<number, number>

/**
 * Decodes a client frame. Throws {@link MalformedMessageError} (or lib0's range errors). With
 * `customLimits`, a custom message of a type not in it, or with a larger payload than it allows,
 * is malformed: refused from its length alone, before a byte of it is parsed.
 */
export function decodeClientMessage(
  frame: Uint8Array,
  customLimits?: CustomMessageLimits,
): ClientMessage {
  const decoder = decoding.createDecoder(frame)
  const type = decoding.readVarUint(decoder)
  switch (type) {
    case MessageType.sync: {
      const step = decoding.readVarUint(decoder)
      const payload = decoding.readVarUint8Array(decoder)
      if (step === messageYjsSyncStep1) return { type: 'sync-step-1', stateVector: payload }
      if (step === messageYjsSyncStep2) return { type: 'sync-step-2', update: payload }
      if (step === messageYjsUpdate) return { type: 'update', update: payload }
      throw new MalformedMessageError(`Unknown sync step ${step}`)
    }
    case MessageType.awareness:
      return { type: 'awareness', update: decoding.readVarUint8Array(decoder) }
    case MessageType.auth:
      return { type: 'auth' }
    case MessageType.queryAwareness:
      return { type: 'query-awareness' }
    default: {
      if (type < FIRST_CUSTOM_TYPE) throw new MalformedMessageError(`Unknown message type ${type}`)
      const payload = frame.subarray(decoder.pos)
      if (customLimits) {
        const limit = customLimits.get(type)
        if (limit === undefined) throw new MalformedMessageError(`Unknown message type ${type}`)
        if (payload.byteLength > limit) {
          throw new MalformedMessageError(
            `A message of type ${type} of ${payload.byteLength} bytes (at most ${limit})`,
          )
        }
      }
      return { type: 'custom', messageType: type, payload }
    }
  }
}

/** Sync step 1: the sender's state vector, asking for what it lacks. */
export function encodeSyncStep1(stateVector: Uint8Array): Uint8Array {
  return frame(MessageType.sync, messageYjsSyncStep1, stateVector)
}

/** Sync step 2: the updates the receiver lacks. */
export function encodeSyncStep2(update: Uint8Array): Uint8Array {
  return frame(MessageType.sync, messageYjsSyncStep2, update)
}

/** A live document update. */
export function encodeUpdate(update: Uint8Array): Uint8Array {
  return frame(MessageType.sync, messageYjsUpdate, update)
}

/**
 * One message, as parts whose bytes in order are the message: sent as one WebSocket message
 * without being joined into one buffer first. Every person who opens a large board is sent its
 * whole document and its attribution, megabytes each; joined, each of them cost a copy of it.
 */
export type MessageParts = readonly Uint8Array[]

/** What a room sends a socket: one message, whole or in parts. */
export type OutgoingMessage = Uint8Array | MessageParts

/** {@link encodeSyncStep2}, without copying the update (see MessageParts). */
export function syncStep2Parts(update: Uint8Array): MessageParts {
  return [headerPart(MessageType.sync, messageYjsSyncStep2, update.byteLength), update]
}

/** {@link encodeUpdate} of a whole document, without copying it (see MessageParts). */
export function updateParts(update: Uint8Array): MessageParts {
  return [headerPart(MessageType.sync, messageYjsUpdate, update.byteLength), update]
}

/** The bytes of a message, joined: for whoever needs it in one buffer (tests, mostly). */
export function joinMessage(message: OutgoingMessage): Uint8Array {
  return message instanceof Uint8Array ? message : concat(message)
}

/** An awareness update (cursors, names); see {@link encodeAwarenessEntries}. */
export function encodeAwareness(update: Uint8Array): Uint8Array {
  return frame(MessageType.awareness, undefined, update)
}

/**
 * One awareness message holding every entry of `updates` (awareness updates, each its entry
 * count and then its entries), in their order: what a client would make of the messages one by
 * one, in one frame, made without reading a state's JSON.
 */
export function encodeAwarenessBatch(updates: readonly Uint8Array[]): Uint8Array {
  let count = 0
  const entries = updates.map((update) => {
    const decoder = decoding.createDecoder(update)
    count += decoding.readVarUint(decoder)
    return update.subarray(decoder.pos)
  })
  return encodeAwareness(concat([Uint8Array.from(varUint(count)), ...entries]))
}

/** One of Commonmap's own messages whose payload is a varString of JSON (shared/protocol.ts). */
export function encodeJsonMessage(type: number, json: string): Uint8Array {
  const encoder = encoding.createEncoder()
  encoding.writeVarUint(encoder, type)
  encoding.writeVarString(encoder, json)
  return encoding.toUint8Array(encoder)
}

/** A `serverState` message; `json` is a `ServerStateMessage` already serialized. */
export function encodeServerState(json: string): Uint8Array {
  return encodeJsonMessage(CommonmapMessage.serverState, json)
}

/**
 * A `serverState` message whose JSON is given as UTF-8 parts: the same bytes as
 * {@link encodeServerState} of their text, without encoding again or copying a part that is
 * shared (a large board's attribution is hundreds of KB, and fifty people may join at once).
 */
export function serverStateParts(parts: readonly Uint8Array[]): MessageParts {
  const length = parts.reduce((sum, part) => sum + part.byteLength, 0)
  return [headerPart(CommonmapMessage.serverState, undefined, length), ...parts]
}

/** A `notice` message. */
export function encodeNotice(notice: ServerNotice): Uint8Array {
  return encodeJsonMessage(CommonmapMessage.notice, JSON.stringify(notice))
}

/**
 * Reads the JSON in a custom message's payload (a varString). Throws
 * {@link MalformedMessageError} for anything else.
 */
export function readJsonPayload(payload: Uint8Array): unknown {
  try {
    return JSON.parse(decoding.readVarString(decoding.createDecoder(payload)))
  } catch {
    throw new MalformedMessageError('A message whose payload is not JSON')
  }
}

/** One client's entry in an awareness update. `state` is the raw UTF-8 JSON ("null" = left). */
export interface AwarenessEntry {
  readonly clientId: number
  readonly clock: number
  readonly state: Uint8Array
}

const NULL_STATE = new TextEncoder().encode('null')

/** True when an entry announces that its client has left. */
export function isRemoval(entry: AwarenessEntry): boolean {
  return (
    entry.state.byteLength === NULL_STATE.byteLength &&
    entry.state.every((byte, i) => byte === NULL_STATE[i])
  )
}

/** Splits an awareness update into its entries without parsing their JSON. */
export function decodeAwarenessEntries(update: Uint8Array): AwarenessEntry[] {
  const decoder = decoding.createDecoder(update)
  const count = decoding.readVarUint(decoder)
  const entries: AwarenessEntry[] = []
  for (let i = 0; i < count; i++) {
    const clientId = decoding.readVarUint(decoder)
    const clock = decoding.readVarUint(decoder)
    entries.push({ clientId, clock, state: decoding.readVarUint8Array(decoder) })
  }
  return entries
}

/** Encodes entries as an awareness update (y-protocols' format). */
export function encodeAwarenessEntries(entries: readonly AwarenessEntry[]): Uint8Array {
  const chunks: Uint8Array[] = [Uint8Array.from(varUint(entries.length))]
  for (const { clientId, clock, state } of entries) {
    chunks.push(
      Uint8Array.from([...varUint(clientId), ...varUint(clock), ...varUint(state.byteLength)]),
      state,
    )
  }
  return concat(chunks)
}

/**
 * One allocation per frame: broadcast frames are encoded once and the same bytes go to every
 * connection, so this is on the hot path.
 */
function frame(type: number, step: number | undefined, payload: Uint8Array): Uint8Array {
  const head = header(type, step, payload.byteLength)
  const bytes = new Uint8Array(head.length + payload.byteLength)
  bytes.set(head)
  bytes.set(payload, head.length)
  return bytes
}

/** The part of a message before its payload: its type, its sync step if any, the length. */
function headerPart(type: number, step: number | undefined, payloadLength: number): Uint8Array {
  return Uint8Array.from(header(type, step, payloadLength))
}

function header(type: number, step: number | undefined, payloadLength: number): number[] {
  return [...varUint(type), ...(step === undefined ? [] : [step]), ...varUint(payloadLength)]
}

function varUint(value: number): number[] {
  const bytes: number[] = []
  while (value > 0x7f) {
    bytes.push(0x80 | (value & 0x7f))
    value = Math.floor(value / 128)
  }
  bytes.push(value)
  return bytes
}

function concat(chunks: readonly Uint8Array[]): Uint8Array {
  const bytes = new Uint8Array(chunks.reduce((sum, chunk) => sum + chunk.byteLength, 0))
  let offset = 0
  for (const chunk of chunks) {
    bytes.set(chunk, offset)
    offset += chunk.byteLength
  }
  return bytes
}
