import type { WebsocketProvider } from 'y-websocket'

/**
 * Makes the provider send only this client's own presence. y-websocket 3.1 sends every presence
 * change it sees, other people's included (`_awarenessUpdateHandler` ignores where a change came
 * from), so in a room of N people the server received each cursor move back N−1 times, and
 * refused them all. This is the one place that touches that private handler; `destroy()` on the
 * provider removes the replacement as it would the original.
 */
export function sendOwnPresenceOnly(provider: WebsocketProvider): void {
  const { awareness } = provider
  const sendAll = provider._awarenessUpdateHandler
  const sendOwn: typeof sendAll = ({ added, updated, removed }, origin) => {
    const own = awareness.clientID
    if (![...added, ...updated, ...removed].includes(own)) return
    sendAll({ added: [], updated: [own], removed: [] }, origin)
  }
  awareness.off('update', sendAll)
  awareness.on('update', sendOwn)
  provider._awarenessUpdateHandler = sendOwn
}
