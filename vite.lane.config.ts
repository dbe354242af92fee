import { fileURLToPath } from 'node:url'
import { defineConfig } from 'vite'
import { LANE_MANIFEST } from './client/build/boardPageHtml'
import { offlineSupport } from './client/build/offlineSupport'
import { TLDRAW_TREESHAKE } from './client/build/tldrawTreeshake'

const here = (path: string) => fileURLToPath(new URL(path, import.meta.url))
const preact = (path: string) => here(`./node_modules/preact/${path}`)

/**
 * The phone lane on its own, for a board's page on a phone (board.html picks it): the same
 * components as the app's lane, rendered by Preact's React-compatible layer (about 5 KB gzip)
 * instead of react-dom (about 60). On "Slow 3G" every 10 KB is a fifth of a second before a
 * person can add their first card. It builds first, into the same folder; the app's build
 * (vite.config.ts) comes after it and writes board.html from both.
 */
export default defineConfig({
  root: here('./client'),
  plugins: [offlineSupport('lane')],
  resolve: {
    alias: [
      { find: /^react-dom\/client$/, replacement: preact('compat/client.mjs') },
      { find: /^react(-dom)?\/jsx-(dev-)?runtime$/, replacement: preact('compat/jsx-runtime.mjs') },
      { find: /^react(-dom)?$/, replacement: preact('compat/dist/compat.mjs') },
    ],
  },
  build: {
    outDir: here('./dist/client'),
    emptyOutDir: true,
    manifest: LANE_MANIFEST,
    rolldownOptions: {
      input: {
        boardBoot: here('./client/src/boardBoot.ts'),
        lane: here('./client/src/lane/laneMain.tsx'),
      },
      output: {
        entryFileNames: 'assets/lane-[name]-[hash].js',
        chunkFileNames: 'assets/lane-[name]-[hash].js',
        assetFileNames: 'assets/lane-[name]-[hash][extname]',
      },
      treeshake: TLDRAW_TREESHAKE,
    },
  },
})
