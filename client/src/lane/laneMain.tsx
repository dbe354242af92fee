import { StrictMode, useEffect } from 'react'
import { createRoot } from 'react-dom/client'
import { boardIdInPath, isBoardId } from '../../../shared/protocol'
import { BoardRoute } from '../board/BoardRoute'
import { DamagedBoardLink } from '../board/DamagedBoardLink'
import { Notice } from '../common/Notice'
import '../styles.css'
import PhoneLane from './PhoneLane'

/**
 * In this build (vite.lane.config.ts) the canvas is another page: the app's own build, which
 * board.html loads when this device's view is the canvas. The person chose it ("See the
 * board", remembered by BoardRoute), so loading the page again opens it.
 */
function OpenTheCanvas() {
  useEffect(() => window.location.reload(), [])
  return <Notice title="Opening the board…" busy />
}

const LANE_BUILD_VIEWS = { simple: { Page: PhoneLane }, board: { Page: OpenTheCanvas } } as const

const root = document.getElementById('root')
if (!root) throw new Error('board.html has no #root element')
const boardId = boardIdInPath(window.location.pathname)
createRoot(root).render(
  <StrictMode>
    {isBoardId(boardId) ? (
      <BoardRoute boardId={boardId} views={LANE_BUILD_VIEWS} />
    ) : (
      <DamagedBoardLink />
    )}
  </StrictMode>,
)
