import react from '@vitejs/plugin-react'
import { fileURLToPath } from 'node:url'
import { configDefaults, defineConfig } from 'vitest/config'
import { boardPageHtml, LANE_MANIFEST } from './client/build/boardPageHtml'
import { offlineSupport } from './client/build/offlineSupport'
import { precompressAssets } from './client/build/precompressAssets'
import { TLDRAW_TREESHAKE } from './client/build/tldrawTreeshake'

const here = (path: string) => fileURLToPath(new URL(path, import.meta.url))

export default defineConfig({
  root: here('./client'),
  plugins: [
    react(),
    offlineSupport('app'),
    boardPageHtml({
      app: here('./client/index.html'),
      canvas: here('./client/src/board/BoardPage.tsx'),
      boot: here('./client/src/boardBoot.ts'),
      laneManifest: here(`./dist/client/${LANE_MANIFEST}`),
      laneEntries: { boot: 'src/boardBoot.ts', lane: 'src/lane/laneMain.tsx' },
    }),
    precompressAssets(here('./dist/client')),
  ],
  // Pre-bundling @tldraw/assets would try to inline its `?url` imports of fonts and icons.
  optimizeDeps: { exclude: ['@tldraw/assets'] },
  build: {
    outDir: here('./dist/client'),
    // The phone lane's build (vite.lane.config.ts) comes first and empties it.
    emptyOutDir: false,
    // tldraw alone is ~2 MB of JavaScript; a warning about it on every build says nothing new.
    chunkSizeWarningLimit: 4096,
    rolldownOptions: {
      // boardBoot runs first on a board's page (board.html, client/build/boardPageHtml.ts).
      input: { index: here('./client/index.html'), boardBoot: here('./client/src/boardBoot.ts') },
      treeshake: TLDRAW_TREESHAKE,
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
