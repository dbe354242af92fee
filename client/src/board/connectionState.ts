/**
 * The board's connection as people see it. `stopped` means reconnecting cannot help (a wrong
 * link, an outdated page) and the person has to act; `offline` means Commonmap keeps trying
 * while edits are kept on this device.
 */
export type ConnectionState =
  | { readonly kind: 'connecting' }
  | { readonly kind: 'online' }
  | { readonly kind: 'offline'; readonly message?: string }
  /** `rejoin`: the server refused this device's token; joining again is the way back. */
  | { readonly kind: 'stopped'; readonly message: string; readonly rejoin?: boolean }
