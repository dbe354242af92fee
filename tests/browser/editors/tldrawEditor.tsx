import { getAssetUrlsByImport } from '@tldraw/assets/imports.vite'
import { createRoot } from 'react-dom/client'
import {
  createTLSchema,
  defaultBindingSchemas,
  defaultShapeSchemas,
  parseTldrawJsonFile,
  renderPlaintextFromRichText,
  Tldraw,
  type TLRichText,
} from 'tldraw'
import 'tldraw/tldraw.css'
import { countTypes } from './openedFile'

// As tldraw.com opens a .tldr: its own reader, its default shapes and bindings only.
const schema = createTLSchema({ shapes: defaultShapeSchemas, bindings: defaultBindingSchemas })
const parsed = parseTldrawJsonFile({ json: window.boardFile ?? '', schema })
if (!parsed.ok) {
  window.openedFile = { ok: false, error: JSON.stringify(parsed.error) }
} else {
  createRoot(document.getElementById('root')!).render(
    <Tldraw
      store={parsed.value}
      assetUrls={getAssetUrlsByImport()}
      onMount={(editor) => {
        editor.zoomToFit({ immediate: true })
        const shapes = editor.getCurrentPageShapes()
        window.openedFile = {
          ok: true,
          types: countTypes(shapes),
          words: shapes.flatMap((shape) => {
            const richText = (shape.props as { richText?: TLRichText }).richText
            return richText ? [renderPlaintextFromRichText(editor, richText)] : []
          }),
          boundArrows: shapes.filter(
            (shape) =>
              shape.type === 'arrow' && editor.getBindingsFromShape(shape, 'arrow').length === 2,
          ).length,
        }
      }}
    />,
  )
}
