/** What one view of a board's page loads: modules to run, modules to fetch at once, styles. */
export interface BoardPageFiles {
  /** Entry modules, run as they arrive (the early socket's first, then the app). */
  readonly scripts: readonly string[]
  /** Every module they import statically, fetched beside them instead of one after another. */
  readonly preloads: readonly string[]
  readonly styles: readonly string[]
}

/** What board.html's inline script knows, written into it by the build. */
export interface BoardPageChoice {
  /** The phone lane's own build (vite.lane.config.ts), with Preact. */
  readonly simple: BoardPageFiles
  /** The app's build, with the canvas (and everything else). */
  readonly board: BoardPageFiles
  /** Where the person's chosen view is remembered (client/src/board/boardView.ts). */
  readonly viewKey: string
  /** A screen too small for the canvas (boardView.ts). */
  readonly smallScreenQuery: string
  /** A watch link's query parameter: a watcher's page is always the app's. */
  readonly watchQuery: string
}

/**
 * board.html's inline script: picks the build this device needs, as `chooseBoardView` would,
 * and asks for all of its files at once, before anything else on the page. A phone on a slow
 * connection downloads nothing of the app it will not run. Written out with `toString()` into
 * the page, so it uses nothing but its argument and the browser.
 */
export function openBoardPage(choice: BoardPageChoice): void {
  let remembered: string | null = null
  try {
    remembered = localStorage.getItem(choice.viewKey)
  } catch {
    // Storage refused (a private window's settings): the screen decides.
  }
  const watching = new URLSearchParams(location.search).has(choice.watchQuery)
  const simple =
    !watching &&
    (remembered === 'simple' ||
      (remembered !== 'board' && matchMedia(choice.smallScreenQuery).matches))
  const files = simple ? choice.simple : choice.board
  const add = (tag: string, attributes: Record<string, string>) => {
    const element = document.createElement(tag)
    for (const [name, value] of Object.entries(attributes)) element.setAttribute(name, value)
    document.head.append(element)
  }
  for (const href of files.styles) add('link', { rel: 'stylesheet', href })
  for (const src of files.scripts) add('script', { type: 'module', crossorigin: '', src })
  for (const href of files.preloads) add('link', { rel: 'modulepreload', crossorigin: '', href })
}
