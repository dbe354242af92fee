import type { ConnectionState } from './connectionState'

const LABELS: Record<ConnectionState['kind'], { icon: string; label: string }> = {
  connecting: { icon: '…', label: 'Connecting…' },
  online: { icon: '✓', label: 'Connected' },
  offline: { icon: '⚠', label: 'Offline' },
  stopped: { icon: '✕', label: 'Not connected' },
}

/**
 * Shows whether this device is connected to the board, with an icon and words (never colour
 * alone), and explains what happens to changes while offline.
 */
export function ConnectionStatus({ state }: { state: ConnectionState }) {
  const { icon, label } = LABELS[state.kind]
  const detail =
    state.kind === 'offline'
      ? (state.message ??
        'Your changes are kept on this device and will be shared when you reconnect.')
      : state.kind === 'stopped'
        ? state.message
        : undefined
  return (
    <div
      className={`connection connection-${state.kind}`}
      role="status"
      aria-live="polite"
      data-testid="connection-status"
    >
      <span aria-hidden="true" className="connection-icon">
        {icon}
      </span>
      <span className="connection-label">{label}</span>
      {detail && <span className="visually-hidden">. {detail}</span>}
    </div>
  )
}

/**
 * A banner under the top bar for the two states people need to know about right now: edits
 * are being kept locally, or the board cannot be reached until they act.
 */
export function ConnectionBanner({ state }: { state: ConnectionState }) {
  if (state.kind === 'stopped') {
    return (
      <div className="banner banner-stopped" role="alert">
        <span>{state.message}</span>
        <button type="button" onClick={() => window.location.reload()}>
          Reload the page
        </button>
      </div>
    )
  }
  if (state.kind === 'offline') {
    return (
      <div className="banner banner-offline">
        {state.message ??
          'You are offline. Your changes are kept on this device and will be shared when you reconnect.'}
      </div>
    )
  }
  return null
}
