import { readFileSync } from 'node:fs'
import type { Manifest, Plugin, Rolldown } from 'vite'
import { SMALL_SCREEN_QUERY, VIEW_STORAGE_KEY } from '../src/board/boardView'
import { WATCH_QUERY } from '../../shared/watchLinks'
import { openBoardPage, type BoardPageChoice, type BoardPageFiles } from './openBoardPage'

type OutputBundle = Rolldown.OutputBundle
type OutputChunk = Rolldown.OutputChunk

/** The page the server sends for a board's address (`/b/<id>`); see server/http/staticClient.ts. */
export const BOARD_PAGE_HTML = 'board.html'

/** Where the phone lane's build (vite.lane.config.ts) lists its files, inside the output folder. */
export const LANE_MANIFEST = '.vite/lane-manifest.json'

/** What {@link boardPageHtml} puts together, by absolute paths. */
export interface BoardPageSources {
  /** The app's entry (index.html, whose script is its chunk's facade). */
  readonly app: string
  /** The canvas's page, which the app imports when it opens the canvas. */
  readonly canvas: string
  /** A build entry that board pages run first, before the app (a separate `input`). */
  readonly boot: string
  /** The phone lane build's manifest ({@link LANE_MANIFEST} in the output folder). */
  readonly laneManifest: string
  /** The lane build's entries, as its manifest names them (relative to the client's root). */
  readonly laneEntries: { readonly boot: string; readonly lane: string }
}

/**
 * Writes `board.html`: `index.html` without the app's script and styles, and instead a small
 * inline script ({@link openBoardPage}) that picks the phone lane's build or the app's and asks
 * for every module of it at once. Without that a phone on a slow connection loads in a chain
 * (the page, then the entry, which only then asks for the lane and Yjs), waiting a round trip
 * and an idle download between each step, and would load React's 60 KB where the lane's build
 * has Preact's 5. The start page keeps the plain `index.html`. The server allows the inline
 * script by its hash (server/http/staticClient.ts).
 */
export function boardPageHtml(sources: BoardPageSources): Plugin {
  return {
    name: 'commonmap:board-page-html',
    apply: 'build',
    generateBundle: {
      // After Vite has written index.html into the bundle.
      order: 'post',
      handler(_options, bundle) {
        const index = bundle['index.html']
        if (index?.type !== 'asset') this.error('index.html is not in the bundle')
        const chunkOf = (module: string) => {
          const chunk = Object.values(bundle).find(
            (file): file is OutputChunk => file.type === 'chunk' && file.facadeModuleId === module,
          )
          return chunk ?? this.error(`${module} is not in the bundle`)
        }
        const app = chunkOf(sources.app)
        const boot = chunkOf(sources.boot)
        const board = filesOf(
          [boot, app],
          [...staticImportsOf(app, bundle), ...staticImportsOf(chunkOf(sources.canvas), bundle)],
          bundle,
        )
        const manifest = JSON.parse(readFileSync(sources.laneManifest, 'utf8')) as Manifest
        const choice: BoardPageChoice = {
          simple: laneFilesOf(manifest, sources.laneEntries),
          board,
          viewKey: VIEW_STORAGE_KEY,
          smallScreenQuery: SMALL_SCREEN_QUERY,
          watchQuery: WATCH_QUERY,
        }
        let html = String(index.source)
        for (const file of [...board.scripts, ...board.preloads, ...board.styles]) {
          html = html.replace(new RegExp(`\\s*<(script|link)[^>]*"${file}"[^>]*>(</script>)?`), '')
        }
        const script = `<script>(${openBoardPage.toString()})(${JSON.stringify(choice)})</script>`
        this.emitFile({
          type: 'asset',
          fileName: BOARD_PAGE_HTML,
          source: html.replace('<title>', `${script}\n    <title>`),
        })
      },
    },
  }
}

/** The files of a view whose entry chunks are `entries`, which import `imports`. */
function filesOf(
  entries: readonly OutputChunk[],
  imports: readonly string[],
  bundle: OutputBundle,
): BoardPageFiles {
  const scripts = entries.map((chunk) => chunk.fileName)
  const preloads = [...new Set([...entries.flatMap((c) => staticImportsOf(c, bundle)), ...imports])]
  const styles = new Set<string>()
  for (const fileName of preloads) {
    const file = bundle[fileName]
    if (file?.type === 'chunk') file.viteMetadata?.importedCss.forEach((css) => styles.add(css))
  }
  return {
    scripts: scripts.map((fileName) => `/${fileName}`),
    preloads: preloads.filter((fileName) => !scripts.includes(fileName)).map((f) => `/${f}`),
    styles: [...styles].map((fileName) => `/${fileName}`),
  }
}

/** The lane build's files, from its manifest. */
function laneFilesOf(manifest: Manifest, entries: BoardPageSources['laneEntries']): BoardPageFiles {
  const entryOf = (key: string) => {
    const chunk = manifest[key]
    if (!chunk?.isEntry) throw new Error(`The phone lane's build has no entry ${key}`)
    return chunk
  }
  const seen = new Set<string>()
  const visit = (key: string) => {
    if (seen.has(key)) return
    seen.add(key)
    manifest[key]?.imports?.forEach(visit)
  }
  visit(entries.boot)
  visit(entries.lane)
  const scripts = [entryOf(entries.boot).file, entryOf(entries.lane).file]
  const chunks = [...seen].map((key) => manifest[key]!)
  return {
    scripts: scripts.map((file) => `/${file}`),
    preloads: chunks
      .map((c) => c.file)
      .filter((f) => !scripts.includes(f))
      .map((f) => `/${f}`),
    styles: [...new Set(chunks.flatMap((c) => c.css ?? []))].map((file) => `/${file}`),
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
