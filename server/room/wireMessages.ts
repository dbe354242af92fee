import * as decoding from 'lib0/decoding'
import * as encoding from 'lib0/encoding'
import { messageYjsSyncStep1, messageYjsSyncStep2, messageYjsUpdate } from 'y-protocols/sync'
import { isParticipantId } from '../../shared/participant'
import { CommonmapMessage, type WritingForReply } from '../../shared/protocol'

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
  | { readonly type: 'writing-for'; readonly participantId: string | null }

/** A frame that is not a y-websocket message. */
export class MalformedMessageError extends Error {
  override readonly name = 'MalformedMessageError'
}

/** Decodes a client frame. Throws {@link MalformedMessageError} (or lib0's range errors). */
export function decodeClientMessage(frame: Uint8Array): ClientMessage {
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
    case CommonmapMessage.writingFor: {
      let request: unknown
      try {
        request = JSON.parse(decoding.readVarString(decoder))
      } catch {
        throw new MalformedMessageError('A writing-for message that is not JSON')
      }
      const target = (request as { for?: unknown } | null)?.for
      if (target !== null && !isParticipantId(target)) {
        throw new MalformedMessageError('A writing-for message without a participant id')
      }
      return { type: 'writing-for', participantId: target }
    }
    default:
      throw new MalformedMessageError(`Unknown message type ${type}`)
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

/** An awareness update (cursors, names); see {@link encodeAwarenessEntries}. */
export function encodeAwareness(update: Uint8Array): Uint8Array {
  return frame(MessageType.awareness, undefined, update)
}

/** The server's answer to a writing-for message (shared/protocol.ts). */
export function encodeWritingForReply(reply: WritingForReply): Uint8Array {
  const encoder = encoding.createEncoder()
  encoding.writeVarUint(encoder, CommonmapMessage.writingForReply)
  encoding.writeVarString(encoder, JSON.stringify(reply))
  return encoding.toUint8Array(encoder)
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
  const header = [type, ...(step === undefined ? [] : [step]), ...varUint(payload.byteLength)]
  const bytes = new Uint8Array(header.length + payload.byteLength)
  bytes.set(header)
  bytes.set(payload, header.length)
  return bytes
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
