import { Excalidraw, loadFromBlob } from '@excalidraw/excalidraw'
import '@excalidraw/excalidraw/index.css'
import { createRoot } from 'react-dom/client'
import { countTypes } from './openedFile'

type ExcalidrawApi = Parameters<NonNullable<Parameters<typeof Excalidraw>[0]['excalidrawAPI']>>[0]

// As excalidraw.com opens a dropped .excalidraw file: its own loader, then the editor.
try {
  const blob = new Blob([window.boardFile ?? ''], { type: 'application/json' })
  const scene = await loadFromBlob(blob, null, null)
  let api: ExcalidrawApi | undefined
  createRoot(document.getElementById('root')!).render(
    <Excalidraw
      initialData={scene}
      excalidrawAPI={(ready) => (api = ready)}
      onChange={(elements) => {
        // The editor takes in the scene after it mounts; the first change that has it is when
        // the board is there, and the view is fitted to it once.
        if (elements.length === 0 || window.openedFile) return
        api?.scrollToContent(elements, { fitToViewport: true, viewportZoomFactor: 0.85 })
        window.openedFile = {
          ok: true,
          types: countTypes(elements),
          words: elements.flatMap((element) =>
            element.type === 'text' ? [element.originalText] : [],
          ),
          boundArrows: elements.filter(
            (element) => element.type === 'arrow' && element.startBinding && element.endBinding,
          ).length,
        }
      }}
    />,
  )
} catch (error) {
  window.openedFile = { ok: false, error: String(error) }
}
