import type { ExcalidrawElement } from '../../shared/export/excalidrawFile'

/** What Excalidraw made of a file: the elements it would put on its canvas. */
export interface LoadedExcalidrawScene {
  readonly elements: readonly ExcalidrawElement[]
  readonly appState: Record<string, unknown>
}

/**
 * Opens an `.excalidraw` file with Excalidraw's own loader, `loadFromBlob` from
 * `@excalidraw/excalidraw`: what excalidraw.com does with a file dropped on it. It checks the
 * file is a scene, then restores every element (unknown ones dropped, missing fields filled
 * in) and repairs bindings that do not point both ways. Rejects a file it cannot open.
 *
 * Only in a test that runs in jsdom (`// @vitest-environment jsdom`): the package needs a DOM
 * when it loads and asks a canvas for a 2D context, which jsdom has not got, so it is given a
 * stand-in. Nothing the loader returns depends on it: opening a file measures no text (it
 * restores with `refreshDimensions: false`); Excalidraw measures text when it draws or edits it.
 */
export async function loadExcalidrawFile(json: string): Promise<LoadedExcalidrawScene> {
  HTMLCanvasElement.prototype.getContext = function getContext() {
    return {
      filter: 'none',
      font: '',
      measureText: (text: string) => ({ width: text.length * 10 }),
    }
  } as never
  const { loadFromBlob } = await import('@excalidraw/excalidraw')
  const scene = await loadFromBlob(new Blob([json], { type: 'application/json' }), null, null)
  return scene as unknown as LoadedExcalidrawScene
}
