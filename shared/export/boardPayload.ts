import { strFromU8, strToU8, unzlibSync, zlibSync } from 'fflate'

/**
 * How a board travels inside an exported picture: its JSON, compressed and base64-encoded, so
 * it fits in a PNG text chunk (Latin-1 only) or an SVG element, and a 1,000-shape board adds
 * kilobytes rather than megabytes to the file.
 */
export function encodeBoardPayload(json: string): string {
  return bytesToBase64(zlibSync(strToU8(json), { level: 9 }))
}

/** Bytes as base64 (for a payload, or a picture in a `data:` URL). */
export function bytesToBase64(bytes: Uint8Array): string {
  let binary = ''
  // In slices: spreading a whole picture's bytes into one call would overflow the stack.
  for (let i = 0; i < bytes.length; i += 0x8000) {
    binary += String.fromCharCode(...bytes.subarray(i, i + 0x8000))
  }
  return btoa(binary)
}

/** The JSON inside a payload made by {@link encodeBoardPayload}; throws if it is damaged. */
export function decodeBoardPayload(payload: string): string {
  const binary = atob(payload.trim())
  const bytes = new Uint8Array(binary.length)
  for (let i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i)
  return strFromU8(unzlibSync(bytes))
}
