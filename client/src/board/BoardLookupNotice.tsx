import { Notice } from '../common/Notice'
import type { BoardInfoState } from './useBoardInfo'

/** What a board's page says until its lookup has found the board: the same for every route. */
export function BoardLookupNotice({
  board,
}: {
  board: Exclude<BoardInfoState, { kind: 'found' }>
}) {
  switch (board.kind) {
    case 'loading':
      return <Notice title="Opening the board…" busy />
    case 'missing':
      return (
        <Notice title="This board does not exist">
          Check that you copied the whole link, or ask the facilitator to share it again.
        </Notice>
      )
    case 'unreachable':
      return <Notice title="Cannot reach this board right now">{board.message}</Notice>
  }
}
