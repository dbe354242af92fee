import { Notice } from '../common/Notice'

/** What a board's address says when it is not one: most often a link cut short when copied. */
export function DamagedBoardLink() {
  return (
    <Notice title="This link is not quite right">
      The board address looks damaged. Check that you copied the whole link, or ask the facilitator
      to share it again.
    </Notice>
  )
}
