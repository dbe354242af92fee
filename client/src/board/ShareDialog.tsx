import { useId, useRef, useState } from 'react'
import { boardPath } from '../../../shared/protocol'
import { copyText } from '../common/copyText'
import { useShareOrigin } from '../common/useShareOrigin'
import { useQrCode } from '../common/useQrCode'

/**
 * The "Share" button and the dialog it opens: the board's link, a button that copies it, and a
 * QR code for people in the room to scan. When Commonmap only listens on this computer, it
 * says so, because a localhost link cannot work on anyone else's device.
 */
export function ShareButton({
  boardId,
  onOpenChange,
}: {
  boardId: string
  /** Called when the dialog opens and closes, e.g. to keep the menu it is in open meanwhile. */
  onOpenChange?: (open: boolean) => void
}) {
  const dialogRef = useRef<HTMLDialogElement>(null)
  const headingId = useId()
  const { origin, localOnly } = useShareOrigin()
  const [copied, setCopied] = useState(false)
  const link = origin + boardPath(boardId)

  const [open, setOpen] = useState(false)
  const qr = useQrCode(open ? link : undefined, 200)

  async function copy() {
    if (await copyText(link, dialogRef.current?.querySelector('input') ?? null)) setCopied(true)
  }

  return (
    <>
      <button
        type="button"
        className="primary share-button"
        onClick={() => {
          setCopied(false)
          setOpen(true)
          onOpenChange?.(true)
          dialogRef.current?.showModal()
        }}
      >
        Share
      </button>
      <dialog
        ref={dialogRef}
        className="share-dialog"
        aria-labelledby={headingId}
        onClose={() => {
          setOpen(false)
          onOpenChange?.(false)
        }}
      >
        <h2 id={headingId}>Share this board</h2>
        <p>Anyone with this link can join the board and add to it.</p>
        <label htmlFor="share-link">Board link</label>
        <div className="share-row">
          <input id="share-link" readOnly value={link} onFocus={(e) => e.currentTarget.select()} />
          <button type="button" className="primary" onClick={copy}>
            {copied ? 'Copied' : 'Copy link'}
          </button>
        </div>
        <p className="visually-hidden" role="status">
          {copied ? 'The link is copied.' : ''}
        </p>
        {localOnly && (
          <p className="hint warning">
            This link only works on this computer. To let people join from their own phones and
            laptops, start Commonmap with <code>HOST=0.0.0.0</code> (see the README).
          </p>
        )}
        {qr && (
          <figure className="share-qr">
            <img src={qr} alt={`QR code for the board link ${link}`} width={200} height={200} />
            <figcaption>People in the room can scan this with a phone camera.</figcaption>
          </figure>
        )}
        <form method="dialog">
          <button type="submit">Close</button>
        </form>
      </dialog>
    </>
  )
}
