import type { IncomingMessage } from 'node:http'

/** A request body, or the news that it was larger than allowed. */
export type SizedBody =
  { readonly kind: 'ok'; readonly body: Buffer } | { readonly kind: 'too-large' }

/** A request body, or the news that it was larger than allowed or refused as it arrived. */
export type BodyResult = SizedBody | { readonly kind: 'refused'; readonly reason: string }

/** Looks at each piece of a body as it arrives; a sentence refuses the rest unread. */
export type BodyCheck = (piece: Buffer) => string | undefined

/**
 * Most of a body set aside before it has arrived: the rest of a declared length only once this
 * much of it has passed the checks. A hostile 30 MB PNG is refused from its first chunk's
 * header, and needs no 30 MB of memory first (nor do the uploads the pool admits beside it).
 */
const FIRST_BUFFER_BYTES = 1024 * 1024

/** Past this many discarded bytes a too-large upload is cut off instead of drained. */
const MAX_DISCARDED_BYTES = 64 * 1024 * 1024

/**
 * Reads a request body of at most `maxBytes`. As soon as the body is known to be too large
 * (from Content-Length, or once the bytes read pass the limit) it stops keeping the bytes and
 * resolves `too-large`, so the caller can answer 413 at once; likewise with `refused` as soon as
 * `check` refuses a piece.
 *
 * The rest of the body is then drained and thrown away rather than the connection being closed:
 * closing a socket that still has unread data makes the kernel send a reset, and the browser
 * would report a network error instead of our plain 413 message. A client that keeps sending
 * far beyond any picture size is cut off.
 */
export function readBody(req: IncomingMessage, maxBytes: number): Promise<SizedBody>
export function readBody(
  req: IncomingMessage,
  maxBytes: number,
  check: BodyCheck,
): Promise<BodyResult>
export function readBody(
  req: IncomingMessage,
  maxBytes: number,
  check?: BodyCheck,
): Promise<BodyResult> {
  const declared = Number(req.headers['content-length'])
  if (Number.isFinite(declared) && declared > maxBytes) {
    discardRest(req)
    return Promise.resolve({ kind: 'too-large' })
  }
  return new Promise((resolve, reject) => {
    // Each chunk is copied into one buffer as it arrives: joining a 30 MB upload's chunks at the
    // end is one copy long enough to hold every board's event loop (measured 150 ms). With a
    // declared length, the buffer grows once, to it, after its first MiB.
    let body = Buffer.allocUnsafeSlow(
      Number.isFinite(declared) ? Math.min(declared, FIRST_BUFFER_BYTES) : 64 * 1024,
    )
    let size = 0
    const onData = (chunk: Buffer) => {
      const refusal = check?.(chunk)
      if (refusal !== undefined || size + chunk.byteLength > maxBytes) {
        cleanup()
        body = Buffer.alloc(0)
        discardRest(req)
        resolve(
          refusal === undefined ? { kind: 'too-large' } : { kind: 'refused', reason: refusal },
        )
        return
      }
      if (size + chunk.byteLength > body.byteLength) {
        // To the declared length, or (none, or a false one) by doubling, so copies stay few.
        const wanted =
          Number.isFinite(declared) && declared > body.byteLength ? declared : 2 * body.byteLength
        const grown = Buffer.allocUnsafeSlow(
          Math.min(maxBytes, Math.max(wanted, size + chunk.byteLength)),
        )
        body.copy(grown, 0, 0, size)
        body = grown
      }
      chunk.copy(body, size)
      size += chunk.byteLength
    }
    const onEnd = () => {
      cleanup()
      resolve({ kind: 'ok', body: body.subarray(0, size) })
    }
    const onError = (error: Error) => {
      cleanup()
      reject(error)
    }
    const cleanup = () => {
      req.off('data', onData)
      req.off('end', onEnd)
      req.off('error', onError)
    }
    req.on('data', onData)
    req.on('end', onEnd)
    req.on('error', onError)
  })
}

function discardRest(req: IncomingMessage): void {
  let discarded = 0
  req.on('data', (chunk: Buffer) => {
    discarded += chunk.byteLength
    if (discarded > MAX_DISCARDED_BYTES) req.socket.destroy()
  })
  req.on('error', () => {})
  req.resume()
}
