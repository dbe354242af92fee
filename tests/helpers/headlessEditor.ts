import {
  createTLStore,
  defaultAddFontsFromNode,
  defaultShapeTools,
  defaultTools,
  Editor,
  tipTapDefaultExtensions,
  type TLStore,
} from 'tldraw'
import { BOARD_BINDING_UTILS, BOARD_SHAPE_UTILS } from '../../client/src/shapes/boardUtils'

/**
 * A tldraw Editor with no React and no UI, with a board's shapes and bindings, for unit tests in jsdom (`// @vitest-environment
 * jsdom`). Creating, updating, duplicating and pasting shapes need no browser shims in tldraw
 * 5.4.2; rendering and export do (see research/tldraw-5-notes.md §6). Pass a store to share it
 * with a bridge or presence binding; dispose the editor when done.
 */
export function createHeadlessEditor(
  store: TLStore = createTLStore({
    shapeUtils: BOARD_SHAPE_UTILS,
    bindingUtils: BOARD_BINDING_UTILS,
  }),
): Editor {
  const container = document.createElement('div')
  document.body.appendChild(container)
  const editor = new Editor({
    store,
    shapeUtils: BOARD_SHAPE_UTILS,
    bindingUtils: BOARD_BINDING_UTILS,
    tools: [...defaultTools, ...defaultShapeTools],
    getContainer: () => container,
    // <Tldraw> sets these itself; without them any shape with text throws.
    options: {
      text: {
        addFontsFromNode: defaultAddFontsFromNode,
        tipTapConfig: { extensions: tipTapDefaultExtensions },
      },
    },
  })
  editor.on('dispose', () => container.remove())
  return editor
}
