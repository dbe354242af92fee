import type { Plugin, Rolldown } from 'vite'

type OutputBundle = Rolldown.OutputBundle
type OutputChunk = Rolldown.OutputChunk

/** The page the server sends for a board's address (`/b/<id>`); see server/http/staticClient.ts. */
export const BOARD_PAGE_HTML = 'board.html'

/** The modules {@link boardPageHtml} finds in the bundle, by their absolute paths. */
export interface BoardPageModules {
  /** The phone lane's page, which the app imports when it opens the lane. */
  readonly lane: string
  /** A build entry that board pages run first, before the app (a separate `input`). */
  readonly boot: string
}

/**
 * Writes `board.html`: `index.html` that first runs the `boot` entry (asynchronously, so it
 * waits for nothing else), with a `modulepreload` link for every script the phone lane needs.
 * Without them a phone on a slow connection loads in a chain (the page, then the entry, which
 * only then asks for the lane and Yjs), waiting a round trip and an idle download between each
 * step; with them the browser fetches them all at once, beside the entry. The start page keeps
 * the plain `index.html`, and needs none of it. The canvas needs the same Yjs chunks as the
 * lane, so it loses only the lane's own few kilobytes.
 */
export function boardPageHtml(modules: BoardPageModules): Plugin {
  return {
    name: 'commonmap:board-page-html',
    apply: 'build',
    generateBundle: {
      // After Vite has written index.html into the bundle.
      order: 'post',
      handler(_options, bundle) {
        const index = bundle['index.html']
        if (index?.type !== 'asset') this.error('index.html is not in the bundle')
        const html = String(index.source)
        const chunkOf = (module: string) => {
          const chunk = Object.values(bundle).find(
            (file): file is OutputChunk => file.type === 'chunk' && file.facadeModuleId === module,
          )
          return chunk ?? this.error(`${module} is not in the bundle`)
        }
        const boot = chunkOf(modules.boot)
        const preloads = new Set([
          ...staticImportsOf(boot, bundle).filter((fileName) => fileName !== boot.fileName),
          ...staticImportsOf(chunkOf(modules.lane), bundle),
        ])
        const tags = [
          `<script type="module" async crossorigin src="/${boot.fileName}"></script>`,
          ...[...preloads]
            .filter((fileName) => !html.includes(`/${fileName}"`))
            .map((fileName) => `<link rel="modulepreload" crossorigin href="/${fileName}">`),
        ]
        this.emitFile({
          type: 'asset',
          fileName: BOARD_PAGE_HTML,
          // Before the entry's script: the browser asks for the boot script first.
          source: html.replace('<title>', `${tags.join('\n    ')}\n    <title>`),
        })
      },
    },
  }
}

/** `chunk` and every chunk it imports statically, directly or not. */
function staticImportsOf(chunk: OutputChunk, bundle: OutputBundle): string[] {
  const seen = new Set<string>()
  const visit = (fileName: string) => {
    if (seen.has(fileName)) return
    seen.add(fileName)
    const file = bundle[fileName]
    if (file?.type === 'chunk') file.imports.forEach(visit)
  }
  visit(chunk.fileName)
  return [...seen]
}
