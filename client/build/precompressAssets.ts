import { readdirSync, readFileSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { brotliCompressSync, constants, gzipSync } from 'node:zlib'
import type { Plugin } from 'vite'

/** Files worth compressing: text. Fonts and pictures are compressed already. */
const COMPRESSIBLE = /\.(js|css|svg|json|html)$/

/**
 * Brotli's best takes about a minute for the canvas's and the export's megabytes on a two-core
 * machine; files this large (loaded by desktops, rarely on a phone) get a quality that takes
 * seconds and is still well ahead of gzip.
 */
const LARGE = 1024 * 1024
const LARGE_QUALITY = 9

/**
 * Writes a brotli and a gzipped copy beside each of the built app's text files under `assets/`
 * (`x.js.br`, `x.js.gz`), which the server sends to browsers that accept them (sirv's `brotli`
 * and `gzip` options). Without them every script travels at full size: on a phone on a slow
 * connection that is three times the wait. Brotli at its best makes the phone lane's scripts
 * about a sixth smaller again than gzip; browsers ask for it over HTTPS only. Only `assets/`:
 * their names carry a content hash, so a copy can never be stale.
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
        const content = readFileSync(path)
        writeFileSync(`${path}.gz`, gzipSync(content, { level: constants.Z_BEST_COMPRESSION }))
        const brotli = brotliCompressSync(content, {
          params: {
            [constants.BROTLI_PARAM_QUALITY]:
              content.length < LARGE ? constants.BROTLI_MAX_QUALITY : LARGE_QUALITY,
            [constants.BROTLI_PARAM_SIZE_HINT]: content.length,
          },
        })
        writeFileSync(`${path}.br`, brotli)
      }
    },
  }
}
