// A test page that opens a board file exported by Commonmap in the editor it was made for,
// with that editor's own file reader and nothing of Commonmap's: tldraw with its default
// shapes, or Excalidraw. `?editor=tldraw` or `?editor=excalidraw`; the file is in
// `window.boardFile`.
const editor = new URLSearchParams(location.search).get('editor')
if (editor === 'tldraw') void import('./tldrawEditor')
else if (editor === 'excalidraw') void import('./excalidrawEditor')
else window.openedFile = { ok: false, error: `No such editor: ${editor}` }
