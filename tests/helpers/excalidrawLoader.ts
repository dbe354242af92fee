import { builtinEnvironments } from 'vitest/environments'
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
 * The package needs a DOM: a test in jsdom has one; anywhere else (a test against a real
 * server, in Node) Vitest's own jsdom environment is set up for the call and taken down after.
 * Nothing the loader returns depends on the canvas it asks for when it loads (opening a file
 * measures no text: it restores with `refreshDimensions: false`), so jsdom's, which has no 2D
 * context, gets a stand-in.
 */
export async function loadExcalidrawFile(json: string): Promise<LoadedExcalidrawScene> {
  const dom =
    typeof document === 'undefined'
      ? await builtinEnvironments.jsdom.setup(globalThis, {})
      : undefined
  try {
    HTMLCanvasElement.prototype.getContext = function getContext() {
      return { filter: 'none', font: '', measureText: () => ({ width: 0 }) }
    } as never
    const { loadFromBlob } = await import('@excalidraw/excalidraw')
    const blob = new Blob([json], { type: 'application/json' })
    return (await loadFromBlob(blob, null, null)) as unknown as LoadedExcalidrawScene
  } finally {
    await dom?.teardown(globalThis)
  }
}
