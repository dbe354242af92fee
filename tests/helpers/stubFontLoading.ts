import { vi } from 'vitest'

/**
 * Stands in for what jsdom lacks and tldraw touches when it loads or embeds fonts: `FontFace`,
 * `document.fonts`, and `fetch` of the font files (which live in the app's bundle). A font
 * request gets one empty byte back. Undo with `vi.unstubAllGlobals()`.
 */
export function stubFontLoading(): void {
  vi.stubGlobal(
    'FontFace',
    class {
      load() {
        return Promise.resolve(this)
      }
    },
  )
  vi.stubGlobal('fetch', async () => ({
    ok: true,
    json: async () => ({}),
    blob: async () => new Blob([new Uint8Array([0])], { type: 'font/woff2' }),
  }))
  Object.defineProperty(document, 'fonts', {
    configurable: true,
    value: {
      add() {},
      delete() {},
      has: () => true,
      check: () => true,
      ready: Promise.resolve(),
      *[Symbol.iterator]() {},
    },
  })
}
