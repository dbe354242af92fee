/**
 * Commonmap's figures before issue 13's server changes, for the targets that say "no worse than
 * today": as issue 13 measured them on this machine (its "keep what already wins" paragraph),
 * with the server as main had it before the issue. Each is a median round's figure.
 */
export const BASELINE = {
  /** 200 people moving cursors at 10 Hz: cursor latency p99 (ms). */
  cursorP99Ms: 17.7,
  /** The same: cursor deliveries lost. */
  cursorLost: 0,
  /** 50 people joining a loaded 5,000-shape board: time to synced p99 (ms). */
  joinStormP99Ms: 70,
} as const
