import boldFontUrl from '@expo-google-fonts/atkinson-hyperlegible/700Bold/AtkinsonHyperlegible_700Bold.ttf?url'
import regularFontUrl from '@expo-google-fonts/atkinson-hyperlegible/400Regular/AtkinsonHyperlegible_400Regular.ttf?url'
import type { PdfFonts } from './PdfWriter'

let loading: Promise<PdfFonts> | undefined

/**
 * The report's fonts, bundled with the app and fetched from Commonmap's own server (and kept by
 * the service worker, so a report can be made offline). Loaded once, on the first report.
 */
export function loadReportFonts(): Promise<PdfFonts> {
  loading ??= Promise.all([fetchFont(regularFontUrl), fetchFont(boldFontUrl)]).then(
    ([regular, bold]) => ({ regular, bold }),
  )
  // A failed load (offline before the fonts were ever kept) may succeed on the next try.
  loading.catch(() => (loading = undefined))
  return loading
}

const FONT_UNAVAILABLE =
  'The report’s font could not be loaded. Check your connection and try again.'

async function fetchFont(url: string): Promise<Uint8Array> {
  const response = await fetch(url).catch(() => undefined)
  if (!response?.ok) throw new Error(FONT_UNAVAILABLE)
  return new Uint8Array(await response.arrayBuffer())
}
