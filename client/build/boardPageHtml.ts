import type { Plugin, Rolldown } from 'vite'

type OutputBundle = Rolldown.OutputBundle
type OutputChunk = Rolldown.OutputChunk

/** The page the server sends for a board's address (`/b/<id>`); see server/http/staticClient.ts. */
export const BOARD_PAGE_HTML = 'board.html'

/**
 * Writes `board.html`: `index.html` with a `modulepreload` link for every script the phone lane
 * needs. Without them a phone on a slow connection loads in a chain (the page, then the entry,
 * which only then asks for the lane and Yjs), waiting a round trip and an idle download between
 * each step; with them the browser fetches them all at once, beside the entry. The start page
 * keeps the plain `index.html`, and needs none of it. The canvas needs the same Yjs chunks as
 * the lane, so it loses only the lane's own few kilobytes.
 */
export function boardPageHtml(laneModule: string): Plugin {
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
        const lane = Object.values(bundle).find(
          (file): file is OutputChunk =>
            file.type === 'chunk' && file.facadeModuleId === laneModule,
        )
        if (!lane) this.error(`The phone lane (${laneModule}) is not in the bundle`)
        const links = staticImportsOf(lane, bundle)
          .filter((fileName) => !html.includes(`/${fileName}"`))
          .map((fileName) => `<link rel="modulepreload" crossorigin href="/${fileName}">`)
        this.emitFile({
          type: 'asset',
          fileName: BOARD_PAGE_HTML,
          source: html.replace('</head>', `${links.join('\n    ')}\n  </head>`),
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
