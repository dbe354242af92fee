import { readFileSync } from 'node:fs'
import type { Manifest, Plugin, Rolldown } from 'vite'
import { SMALL_SCREEN_QUERY, VIEW_STORAGE_KEY } from '../src/board/boardView'
import { WATCH_QUERY } from '../../shared/watchLinks'
import { openBoardPage, type BoardPageChoice, type BoardPageFiles } from './openBoardPage'

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
        const inBundle = (fileName: string): BuiltModule | undefined => {
          const file = bundle[fileName]
          if (file?.type !== 'chunk') return undefined
          const css = [...(file.viteMetadata?.importedCss ?? [])]
          return { file: fileName, imports: file.imports, css }
        }
        const board = viewFiles(
          [chunkOf(sources.boot).fileName, chunkOf(sources.app).fileName],
          [chunkOf(sources.canvas).fileName],
          inBundle,
        )
        const manifest = JSON.parse(readFileSync(sources.laneManifest, 'utf8')) as Manifest
        const inLaneBuild = (key: string): BuiltModule | undefined => {
          const chunk = manifest[key]
          return chunk && { file: chunk.file, imports: chunk.imports ?? [], css: chunk.css ?? [] }
        }
        for (const key of [sources.laneEntries.boot, sources.laneEntries.lane]) {
          if (!manifest[key]?.isEntry) this.error(`The phone lane's build has no entry ${key}`)
        }
        const choice: BoardPageChoice = {
          simple: viewFiles([sources.laneEntries.boot, sources.laneEntries.lane], [], inLaneBuild),
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

/** A built module, from either build's own record of it (the bundle, or the lane's manifest). */
interface BuiltModule {
  readonly file: string
  /** Keys of the modules it imports statically. */
  readonly imports: readonly string[]
  readonly css: readonly string[]
}

/**
 * The files of a view: its `entries` to run, and, to fetch at once, every module they and
 * `preloaded` import statically, directly or not (`preloaded` themselves included), with their
 * styles. Keys are whatever `moduleOf` looks modules up by.
 */
function viewFiles(
  entries: readonly string[],
  preloaded: readonly string[],
  moduleOf: (key: string) => BuiltModule | undefined,
): BoardPageFiles {
  const seen = new Set<string>()
  const visit = (key: string) => {
    if (seen.has(key)) return
    seen.add(key)
    moduleOf(key)?.imports.forEach(visit)
  }
  for (const key of [...entries, ...preloaded]) visit(key)
  const modules = [...seen].flatMap((key) => moduleOf(key) ?? [])
  const scripts = entries.flatMap((key) => moduleOf(key)?.file ?? [])
  return {
    scripts: scripts.map((file) => `/${file}`),
    preloads: modules
      .map((module) => module.file)
      .filter((file) => !scripts.includes(file))
      .map((file) => `/${file}`),
    styles: [...new Set(modules.flatMap((module) => module.css))].map((file) => `/${file}`),
  }
}
