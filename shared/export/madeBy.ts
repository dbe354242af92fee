import { formatDay } from '../formatDueDate'
import type { BoardExport } from './boardExport'

/**
 * "Made by" as words to put on a board that leaves Commonmap (in tldraw or Excalidraw): its
 * title, who made it by group, as each person chose to be credited (nobody who chose not to be
 * named, and a group's size only from three people up), its licence and the day it was exported.
 */
export function madeByText(model: BoardExport): string {
  const { licence } = model
  const groups = model.credits.map(
    (group) =>
      `${group.label}${group.count === null ? '' : ` (${group.count} people)`}: ${group.names.join(', ')}`,
  )
  return [
    model.title,
    groups.length > 0
      ? 'Made together on Commonmap by:'
      : 'Made together on Commonmap. Nobody is named on this board.',
    ...groups,
    ...(groups.length > 0
      ? ['Everyone is named the way they chose. Some people chose not to be named.']
      : []),
    `Licence: ${licence.label}.${licence.setBy ? ` Chosen by ${licence.setBy}.` : ''}`,
    licence.explanation,
    `Exported on ${formatDay(model.exportedAt)}.`,
  ].join('\n')
}
