import type { AllowedImageType } from '../../shared/limits'

/** The file extension each accepted picture type is stored under. */
export const IMAGE_EXTENSIONS: Record<AllowedImageType, string> = {
  'image/png': 'png',
  'image/jpeg': 'jpg',
  'image/gif': 'gif',
  'image/webp': 'webp',
}

const ascii = (text: string) => [...text].map((char) => char.charCodeAt(0))

/** Magic bytes at a given offset; `undefined` entries match any byte. */
const SIGNATURES: readonly { type: AllowedImageType; bytes: readonly (number | undefined)[] }[] = [
  { type: 'image/png', bytes: [0x89, ...ascii('PNG'), 0x0d, 0x0a, 0x1a, 0x0a] },
  { type: 'image/jpeg', bytes: [0xff, 0xd8, 0xff] },
  { type: 'image/gif', bytes: ascii('GIF87a') },
  { type: 'image/gif', bytes: ascii('GIF89a') },
  {
    type: 'image/webp',
    bytes: [...ascii('RIFF'), undefined, undefined, undefined, undefined, ...ascii('WEBP')],
  },
]

/**
 * Identifies a picture by its first bytes. The Content-Type a browser sends is only a hint and
 * is never trusted: a file is stored, and later served, as the type its bytes prove it to be.
 * Anything else (SVG included, which can carry scripts) is undefined.
 */
export function detectImageType(bytes: Uint8Array): AllowedImageType | undefined {
  return SIGNATURES.find(
    ({ bytes: signature }) =>
      bytes.byteLength >= signature.length &&
      signature.every((byte, i) => byte === undefined || bytes[i] === byte),
  )?.type
}

/** The picture type stored under a file extension, if it is one of ours. */
export function imageTypeForExtension(extension: string): AllowedImageType | undefined {
  return (Object.keys(IMAGE_EXTENSIONS) as AllowedImageType[]).find(
    (type) => IMAGE_EXTENSIONS[type] === extension,
  )
}
