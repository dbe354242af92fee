import { registerSW } from 'virtual:pwa-register'

/**
 * Installs the service worker that keeps Commonmap's own files on this device, so a board
 * that was open before the wifi dropped still opens after a reload. New versions are taken up
 * on the next load; the board server refuses an outdated client with a plain "please reload".
 */
export function registerOfflineSupport(): void {
  if (!('serviceWorker' in navigator)) return
  registerSW({ immediate: true })
}
