import { openBoardSocketEarly } from './collab/earlySocket'

// board.html's first script, small and on its own so that it runs long before the app's code
// has arrived on a slow connection.
openBoardSocketEarly(window.location.pathname)
