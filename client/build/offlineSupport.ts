import type { PluginOption } from 'vite'
import { VitePWA } from 'vite-plugin-pwa'

/**
 * The service worker that keeps the app's own files on the device, so a board that was open
 * before the wifi dropped still opens after a reload (the board's content comes from
 * IndexedDB). Both builds have it, for `virtual:pwa-register`: the phone lane's
 * (vite.lane.config.ts) registers the same worker as the app's, whose build comes last and
 * writes the worker that lists every file of both.
 */
export function offlineSupport(build: 'app' | 'lane'): PluginOption {
  return VitePWA({
    registerType: 'autoUpdate',
    injectRegister: false,
    manifest: {
      name: 'Commonmap',
      short_name: 'Commonmap',
      description: 'Map the services around a problem, together.',
      theme_color: '#1d3557',
      background_color: '#f3f5f8',
      icons: [{ src: '/favicon.svg', sizes: 'any', type: 'image/svg+xml' }],
    },
    workbox: {
      // ttf: the PDF report's font, so a report can be made offline too.
      // tldraw's English translations, which only the app's build has.
      globPatterns: [
        '**/*.{js,css,html,svg,png,woff2,ttf}',
        ...(build === 'app' ? ['assets/main-*.json'] : []),
      ],
      // The phone lane's own build is for a first visit only: with the worker installed, every
      // board's address opens the app's index.html from the device, lane and all.
      globIgnores: ['assets/lane-*'],
      // tldraw's bundle is larger than workbox's 2 MiB default.
      maximumFileSizeToCacheInBytes: 8 * 1024 * 1024,
      navigateFallback: '/index.html',
      navigateFallbackDenylist: [/^\/api\//, /^\/ws\//, /^\/healthz/],
      runtimeCaching: [
        {
          // Pictures on boards are content-addressed, so a cached copy is never stale.
          urlPattern: /\/api\/boards\/[^/]+\/assets\/[^/]+$/,
          handler: 'CacheFirst',
          options: { cacheName: 'board-pictures', expiration: { maxEntries: 1000 } },
        },
        {
          urlPattern: /\/assets\/[^/]+\.json$/,
          handler: 'CacheFirst',
          options: { cacheName: 'translations' },
        },
      ],
    },
  })
}
