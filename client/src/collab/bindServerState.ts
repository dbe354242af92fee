import * as decoding from 'lib0/decoding'
import * as encoding from 'lib0/encoding'
import * as syncProtocol from 'y-protocols/sync'
import type { WebsocketProvider } from 'y-websocket'
import * as Y from 'yjs'
import { MAX_CHANGE_BYTES } from '../../../shared/limits'
import { CommonmapMessage } from '../../../shared/protocol'
import { NOTICES, type ServerNotice } from '../../../shared/serverState'
import type { ServerStateMirror } from './ServerStateMirror'
import { splitUpdate } from './splitUpdate'

/** y-websocket's message type for sync messages. */
const MESSAGE_SYNC = 0

/** Options of {@link bindServerState}. */
export interface BindServerStateOptions {
  /** The server refused something this connection sent (in plain words, to show the person). */
  readonly onNotice?: (notice: ServerNotice) => void
  /** A message or entries that could not be read were left out (for logs). */
  readonly onInvalid?: (what: string) => void
}

/**
 * Feeds a board's server state (message `serverState`) into `mirror`, hears the server's
 * notices, and makes the provider's "synced" mean that both the document and the server state
 * of this connection have arrived: the provider reports `synced` (and its `sync` event) only
 * once it has the server's sync answer and its state snapshot, whichever comes last. Returns
 * the function that unbinds.
 */
export function bindServerState(
  provider: WebsocketProvider,
  mirror: ServerStateMirror,
  { onNotice, onInvalid = warnInvalid }: BindServerStateOptions = {},
): () => void {
  let documentSynced = false
  const settle = () => {
    if (documentSynced && mirror.isCurrent && !provider.synced) provider.synced = true
  }
  const handlers = provider.messageHandlers
  const previous = {
    sync: handlers[MESSAGE_SYNC],
    state: handlers[CommonmapMessage.serverState],
    notice: handlers[CommonmapMessage.notice],
  }
  // The provider's own sync handler, but "synced" waits for the server state too, and the
  // answer to the server's request is sent in pieces when it is large (splitUpdate.ts).
  handlers[MESSAGE_SYNC] = (encoder, decoder, _provider, emitSynced) => {
    if (decoding.peekVarUint(decoder) === syncProtocol.messageYjsSyncStep1) {
      decoding.readVarUint(decoder)
      const answer = Y.encodeStateAsUpdate(provider.doc, decoding.readVarUint8Array(decoder))
      // Sent here, and the encoder left empty, which the provider then does not send.
      for (const piece of splitUpdate(answer, MAX_CHANGE_BYTES)) {
        const frame = encoding.createEncoder()
        encoding.writeVarUint(frame, MESSAGE_SYNC)
        syncProtocol.writeUpdate(frame, piece)
        provider.ws?.send(encoding.toUint8Array(frame))
      }
      return
    }
    encoding.writeVarUint(encoder, MESSAGE_SYNC)
    const step = syncProtocol.readSyncMessage(decoder, encoder, provider.doc, provider)
    if (emitSynced && step === syncProtocol.messageYjsSyncStep2) {
      documentSynced = true
      settle()
    }
  }
  handlers[CommonmapMessage.serverState] = (_encoder, decoder) => {
    let json: unknown
    try {
      json = JSON.parse(decoding.readVarString(decoder))
    } catch {
      return onInvalid('a server state message that is not JSON')
    }
    const dropped = mirror.receive(json)
    if (dropped === undefined) return onInvalid('a server state message this version cannot read')
    if (dropped > 0) onInvalid(`${dropped} server state entries that are not valid`)
    settle()
  }
  handlers[CommonmapMessage.notice] = (_encoder, decoder) => {
    try {
      const { code } = JSON.parse(decoding.readVarString(decoder)) as { code?: unknown }
      if (typeof code === 'string' && Object.hasOwn(NOTICES, code)) {
        const known = code as keyof typeof NOTICES
        onNotice?.({ code: known, ...NOTICES[known] })
      }
    } catch {
      onInvalid('a notice that is not JSON')
    }
  }
  // Every new connection starts unsynced: its own sync answer and snapshot are awaited.
  const onStatus = () => {
    documentSynced = false
    mirror.lost()
  }
  provider.on('status', onStatus)
  return () => {
    provider.off('status', onStatus)
    handlers[MESSAGE_SYNC] = previous.sync as (typeof handlers)[number]
    handlers[CommonmapMessage.serverState] = previous.state as (typeof handlers)[number]
    handlers[CommonmapMessage.notice] = previous.notice as (typeof handlers)[number]
  }
}

function warnInvalid(what: string): void {
  console.warn(`Commonmap left out ${what}.`)
}
