import { useEffect, useId, useRef, useState } from 'react'
import {
  displayPath,
  watchPath,
  type WatchLink,
  type WatchLinkCreated,
} from '../../../shared/watchLinks'
import { listWatchLinks, makeWatchLink, revokeWatchLink } from '../api'
import { copyText } from '../common/copyText'
import { formatTime } from '../common/formatWhen'
import { useQrCode } from '../common/useQrCode'
import { useShareOrigin } from '../common/useShareOrigin'
import { useBoardContext } from './BoardContext'

/**
 * In "Run the session": links that let people watch the board without joining it (on a
 * projector, or for someone following from elsewhere). A facilitator makes one, copies it or
 * shows its QR code, opens the projector display with it, and stops any link made before.
 * `act` runs a request and says how it went, as the panel's other controls do.
 */
export function WatchLinksSection({
  busy,
  act,
}: {
  busy: boolean
  act: (action: () => Promise<unknown>, said: string) => void
}) {
  const { boardId, identity, people, watching } = useBoardContext()
  const { origin } = useShareOrigin()
  const [links, setLinks] = useState<readonly WatchLink[]>([])
  const [made, setMade] = useState<WatchLinkCreated>()
  const [copied, setCopied] = useState(false)
  const input = useRef<HTMLInputElement>(null)
  const id = useId()
  const link = made && origin + watchPath(boardId, made.token)
  const qr = useQrCode(link, 200)

  useEffect(() => {
    let cancelled = false
    listWatchLinks(boardId, identity.token).then(
      (listed) => !cancelled && setLinks(listed.links),
      () => {},
    )
    return () => {
      cancelled = true
    }
  }, [boardId, identity.token])

  const make = () =>
    act(async () => {
      const created = await makeWatchLink(boardId, identity.token)
      setMade(created)
      setCopied(false)
      setLinks((before) => [created.link, ...before])
    }, 'A new watch link is ready.')
  const revoke = (linkId: string) =>
    act(async () => {
      setLinks((await revokeWatchLink(boardId, linkId, identity.token)).links)
      if (made?.link.id === linkId) setMade(undefined)
    }, 'The link is stopped. Anyone watching with it no longer sees the board.')
  const whoMade = (watchLink: WatchLink) => people.get(watchLink.createdBy)?.name ?? 'a facilitator'

  return (
    <section aria-labelledby={`${id}-watch`}>
      <h3 id={`${id}-watch`}>Watch links</h3>
      <p className="hint">
        A watch link shows the board live, for a projector or for someone following from elsewhere.
        Nobody can change anything with it, and it does not make anyone a participant.
        {watching > 0 && ` ${watching} watching now.`}
      </p>
      <button type="button" disabled={busy} onClick={make}>
        Make a watch link
      </button>
      {made && link && (
        <div className="watch-link-made">
          <label htmlFor={`${id}-link`}>Watch link</label>
          <div className="share-row">
            <input
              id={`${id}-link`}
              ref={input}
              readOnly
              value={link}
              onFocus={(e) => e.currentTarget.select()}
            />
            <button
              type="button"
              onClick={() => void copyText(link, input.current).then(setCopied)}
            >
              {copied ? 'Copied' : 'Copy link'}
            </button>
          </div>
          <p className="visually-hidden" role="status">
            {copied ? 'The watch link is copied.' : ''}
          </p>
          {qr && (
            <figure className="share-qr">
              <img src={qr} alt={`QR code for the watch link ${link}`} width={200} height={200} />
              <figcaption>Scan to watch the board. It cannot be changed from this link.</figcaption>
            </figure>
          )}
          <a href={displayPath(boardId, made.token)} target="_blank" rel="noreferrer">
            Open the display for the projector
          </a>
        </div>
      )}
      {links.length > 0 && (
        <ul className="watch-links" aria-label="Watch links made">
          {links.map((watchLink) => (
            <li key={watchLink.id}>
              <span>
                Made by {whoMade(watchLink)} at {formatTime(watchLink.createdAt)}
                {watchLink.revokedAt !== null && ` · stopped at ${formatTime(watchLink.revokedAt)}`}
              </span>
              {watchLink.revokedAt === null && (
                <button
                  type="button"
                  disabled={busy}
                  onClick={() => revoke(watchLink.id)}
                  aria-label={`Stop this link (made by ${whoMade(watchLink)} at ${formatTime(watchLink.createdAt)})`}
                >
                  Stop this link
                </button>
              )}
            </li>
          ))}
        </ul>
      )}
    </section>
  )
}
