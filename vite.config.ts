import react from '@vitejs/plugin-react'
import { fileURLToPath } from 'node:url'
import { VitePWA } from 'vite-plugin-pwa'
import { configDefaults, defineConfig } from 'vitest/config'
import { boardPageHtml } from './client/build/boardPageHtml'
import { precompressAssets } from './client/build/precompressAssets'

const here = (path: string) => fileURLToPath(new URL(path, import.meta.url))

export default defineConfig({
  root: here('./client'),
  plugins: [
    react(),
    // A service worker keeps the app's own files on the device, so a board that was open before
    // the wifi dropped still opens after a reload (the board's content comes from IndexedDB).
    VitePWA({
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
        globPatterns: ['**/*.{js,css,html,svg,png,woff2,ttf}', 'assets/main-*.json'],
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
    }),
    boardPageHtml({
      lane: here('./client/src/lane/PhoneLane.tsx'),
      boot: here('./client/src/boardBoot.ts'),
    }),
    precompressAssets(here('./dist/client')),
  ],
  // Pre-bundling @tldraw/assets would try to inline its `?url` imports of fonts and icons.
  optimizeDeps: { exclude: ['@tldraw/assets'] },
  build: {
    outDir: here('./dist/client'),
    emptyOutDir: true,
    // tldraw alone is ~2 MB of JavaScript; a warning about it on every build says nothing new.
    chunkSizeWarningLimit: 4096,
    rolldownOptions: {
      // boardBoot runs first on a board's page (board.html, client/build/boardPageHtml.ts).
      input: { index: here('./client/index.html'), boardBoot: here('./client/src/boardBoot.ts') },
      // tldraw's packages do not declare themselves free of side effects, so one import of
      // `createShapeId` or `T` took all of tlschema and store with it (50 KB gzip) into the phone
      // lane, which has none of tldraw's canvas. Their modules only define things; the canvas
      // imports what it uses.
      treeshake: {
        moduleSideEffects: (id: string) =>
          !/node_modules\/@tldraw\/(tlschema|store|utils|validate|state)\//.test(id),
      },
    },
  },
  test: {
    root: here('.'),
    // Excalidraw's package (a test-only dependency, to check our .excalidraw files with its own
    // loader) imports `roughjs/bin/rough` without an extension, which Node's own ESM resolver
    // refuses; transformed by Vite, it resolves.
    server: { deps: { inline: ['@excalidraw/excalidraw'] } },
    include: ['{client,server,shared}/**/*.test.{ts,tsx}', 'tests/**/*.test.ts'],
    // The cluster tests (PostgreSQL, three servers, HAProxy and 30 clients each) kill and pause
    // processes against deadlines: they run on their own, after the rest (`npm run
    // test:cluster`, part of `npm test`), not beside every other suite on a two-core machine.
    exclude: [
      ...configDefaults.exclude,
      ...(process.env.COMMONMAP_CLUSTER_TESTS ? [] : ['tests/cluster/**']),
    ],
    environment: 'node',
    // Sized for a loaded two-core CI machine (see `npm run test:stress`), not a fast laptop.
    testTimeout: 60_000,
    hookTimeout: 60_000,
  },
})
