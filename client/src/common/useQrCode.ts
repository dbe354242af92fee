import { useEffect, useState } from 'react'

/**
 * A QR code for `text` as a data URL, `width` pixels wide, or undefined while it is made (or
 * when `text` is undefined). The QR code's maker is loaded when one is first shown, not with
 * every board.
 */
export function useQrCode(text: string | undefined, width: number): string | undefined {
  const [qr, setQr] = useState<{ text: string; url: string }>()
  useEffect(() => {
    if (!text) return
    let cancelled = false
    import('qrcode')
      .then(({ default: QRCode }) => QRCode.toDataURL(text, { margin: 1, width }))
      .then(
        (url) => !cancelled && setQr({ text, url }),
        () => !cancelled && setQr(undefined),
      )
    return () => {
      cancelled = true
    }
  }, [text, width])
  return qr && qr.text === text ? qr.url : undefined
}
