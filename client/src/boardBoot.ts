import { WATCH_QUERY } from '../../shared/watchLinks'
import { openBoardSocketEarly } from './collab/earlySocket'

// board.html's first script, small and on its own so that it runs long before the app's code
// has arrived on a slow connection. Not for a watch link: the socket it opens is this device's
// own, as a participant, and a watcher's page must not make them look present.
if (!new URLSearchParams(window.location.search).has(WATCH_QUERY)) {
  openBoardSocketEarly(window.location.pathname)
}
