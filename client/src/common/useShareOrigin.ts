import { useEffect, useState } from 'react'
import { fetchServerInfo } from '../api'

const LOOPBACK_HOSTS = new Set(['localhost', '127.0.0.1', '[::1]'])

/** Where links to share start, and whether they only work on this computer. */
export interface ShareOrigin {
  /** The server's public address when it has one (SHARE_ORIGIN), else this page's. */
  readonly origin: string
  /** True when Commonmap only listens on this computer: its links work nowhere else. */
  readonly localOnly: boolean
}

/** The origin for links people open on their own devices (a board's, a watch link's). */
export function useShareOrigin(): ShareOrigin {
  const [shared, setShared] = useState<ShareOrigin>({
    origin: window.location.origin,
    localOnly: false,
  })
  useEffect(() => {
    let cancelled = false
    fetchServerInfo()
      .then(({ shareOrigin }) => {
        if (cancelled) return
        setShared(
          shareOrigin
            ? { origin: shareOrigin, localOnly: false }
            : { origin: window.location.origin, localOnly: LOOPBACK_HOSTS.has(location.hostname) },
        )
      })
      .catch(() => {
        // Offline: the current address is the best link there is.
      })
    return () => {
      cancelled = true
    }
  }, [])
  return shared
}
