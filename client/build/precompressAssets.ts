import { readdirSync, readFileSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { constants, gzipSync } from 'node:zlib'
import type { Plugin } from 'vite'

/** Files worth compressing: text. Fonts and pictures are compressed already. */
const COMPRESSIBLE = /\.(js|css|svg|json|html)$/

/**
 * Writes a gzipped copy beside each of the built app's text files under `assets/` (`x.js.gz`),
 * which the server sends to browsers that accept gzip (sirv's `gzip` option). Without it every
 * script travels at full size: on a phone on a slow connection that is three times the wait.
 * Only `assets/`: their names carry a content hash, so a copy can never be stale.
 */
export function precompressAssets(outDir: string): Plugin {
  return {
    name: 'commonmap:precompress-assets',
    apply: 'build',
    closeBundle() {
      const assets = join(outDir, 'assets')
      for (const name of readdirSync(assets)) {
        if (!COMPRESSIBLE.test(name)) continue
        const path = join(assets, name)
        const gzipped = gzipSync(readFileSync(path), { level: constants.Z_BEST_COMPRESSION })
        writeFileSync(`${path}.gz`, gzipped)
      }
    },
  }
}
