let registered = false

/**
 * Installs the service worker that keeps Commonmap's own files on this device, so a board
 * that was open before the wifi dropped still opens after a reload. New versions are taken up
 * on the next load; the board server refuses an outdated client with a plain "please reload".
 *
 * Called once the page has what it came for (a board's pages, when the board has arrived): the
 * worker then copies every file of the app, megabytes, which on a phone on a slow connection
 * would otherwise share it with the board's own code and first sync. Its code is loaded only then.
 */
export function registerOfflineSupport(): void {
  if (registered || !('serviceWorker' in navigator)) return
  registered = true
  void import('virtual:pwa-register').then(({ registerSW }) => registerSW({ immediate: true }))
}
