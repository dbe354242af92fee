import type { WebsocketProvider } from 'y-websocket'
import { isImmediateReconnectCode } from '../../../shared/closeCodes'

/**
 * Makes the provider reconnect at once, without its usual pause, when the server closes the
 * connection because another server process serves the board now (`CloseCode.BoardMoved`):
 * the proxy sends the new connection to the new owner, and people see "Reconnecting…" for
 * only as long as that takes. Returns the function that unbinds.
 */
export function reconnectWhenMoved(provider: WebsocketProvider): () => void {
  const onClose = (event: CloseEvent | null) => {
    if (!event || !isImmediateReconnectCode(event.code)) return
    // y-websocket forgets the closed socket right after telling us (and schedules its own,
    // later, attempt, which then finds this connection and does nothing).
    queueMicrotask(() => {
      if (provider.shouldConnect) provider.connect()
    })
  }
  provider.on('connection-close', onClose)
  return () => provider.off('connection-close', onClose)
}
