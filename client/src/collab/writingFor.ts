import * as decoding from 'lib0/decoding'
import * as encoding from 'lib0/encoding'
import type { WebsocketProvider } from 'y-websocket'
import {
  CommonmapMessage,
  type WritingForReply,
  type WritingForRequest,
} from '../../../shared/protocol'

/** Who this tab is adding things for, as the server last confirmed it. */
export interface WritingFor {
  /** Asks the server to credit what this tab adds to `participantId` (null: to themselves). */
  set(participantId: string | null): void
  /** Stops listening; the choice lapses with the connection. */
  dispose(): void
}

/**
 * Tells the server, over the board's own socket, who this tab is adding things for (a person in
 * the room without a device), and hears its answer. The choice is sent again on every
 * reconnect, before any edits made offline are synced, so they are credited to the choice in
 * force when they are delivered — the server, not this tab, decides and records it.
 */
export function bindWritingFor(
  provider: WebsocketProvider,
  onReply: (reply: WritingForReply) => void,
): WritingFor {
  let wanted: string | null = null
  const send = () => {
    const socket = provider.ws
    if (!socket || socket.readyState !== socket.OPEN) return
    const request: WritingForRequest = { for: wanted }
    const encoder = encoding.createEncoder()
    encoding.writeVarUint(encoder, CommonmapMessage.writingFor)
    encoding.writeVarString(encoder, JSON.stringify(request))
    socket.send(encoding.toUint8Array(encoder))
  }
  provider.messageHandlers[CommonmapMessage.writingForReply] = (_encoder, decoder) => {
    try {
      const reply = JSON.parse(decoding.readVarString(decoder)) as WritingForReply
      if (reply.error) wanted = reply.for
      onReply(reply)
    } catch {
      // A reply this version cannot read changes nothing.
    }
  }
  // y-websocket emits "connected" before it sends its first sync message, so on a reconnect
  // the server hears the choice before any edits made offline.
  const onStatus = ({ status }: { status: string }) => {
    if (status === 'connected' && wanted !== null) send()
  }
  provider.on('status', onStatus)
  return {
    set(participantId) {
      wanted = participantId
      send()
    },
    dispose() {
      provider.off('status', onStatus)
    },
  }
}
