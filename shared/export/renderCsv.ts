import Papa from 'papaparse'
import { formatDueDate } from '../formatDueDate'
import type { OutlineRoute } from '../mapOutline'
import { serviceDetailParts } from '../outlineWords'
import { ActionStatuses } from '../shapes/actionShape'
import { NotePurposes } from '../shapes/purposeNoteShape'
import { RouteKinds } from '../shapes/routeShape'
import { ServiceKinds } from '../shapes/serviceShape'
import type { BoardExport } from './boardExport'

/** The CSV's columns, in order: plain words, since people open it in a spreadsheet. */
export const CSV_COLUMNS = [
  'Kind',
  'Text',
  'Details',
  'Added by',
  'Role',
  'Written down by',
  'Dots in the vote',
  'Id',
] as const

/**
 * A cell a spreadsheet could read as a formula: one starting with `=`, `+`, `-` or `@` (after
 * any spaces, or as their full-width forms), or with a tab, carriage return or line feed.
 * papaparse's own `escapeFormulae: true` pattern ends in `.*$` without the `s` flag, so a cell
 * like "=HYPERLINK(…)" followed by a new line slips through it; this pattern checks only the
 * start.
 */
const FORMULA_START = /^(?:[\s\u3000]*[=+\-@\uFF1D\uFF0B\uFF0D\uFF20]|[\t\r\n])/u

/** So that Excel opens the file as UTF-8 rather than guessing a legacy encoding. */
const BYTE_ORDER_MARK = '\uFEFF'

/**
 * The map as a CSV file: one row per service, "someone like me", route (gaps included), note
 * with a purpose, and action, with who added it as credited and, for a card in the board's last
 * closed dot vote, its dots ("What we prioritised" in the reports). Any cell that a spreadsheet would
 * read as a formula is prefixed with `'`, so words people wrote can never run as one.
 */
export function renderCsv(model: BoardExport): string {
  const { outline, authors, prioritised } = model
  const dots = new Map(prioritised?.cards.map((card) => [card.shapeId, card.total]))
  const rows: string[][] = []
  const row = (id: string, kind: string, text: string, details: (string | false)[]) => {
    const author = authors.get(id)
    rows.push([
      kind,
      text,
      details.filter(Boolean).join(' · '),
      author?.name ?? '',
      author?.role ?? '',
      author?.writtenDownBy ?? '',
      dots.get(id) ?? '',
      id,
    ])
  }
  const routeRow = (route: OutlineRoute) =>
    row(
      route.id,
      route.kind === 'gap' ? 'Gap' : 'Route',
      `${route.from.name} to ${route.to.name}`,
      [RouteKinds.get(route.kind).label, route.note],
    )

  for (const { services } of outline.serviceGroups) {
    for (const service of services) {
      row(service.id, 'Service', service.name, [
        ServiceKinds.get(service.kind).label,
        ...serviceDetailParts(service),
        service.notes,
      ])
    }
  }
  for (const person of outline.people) {
    row(person.id, 'Someone like me', person.situation, [
      person.needs && `Needs: ${person.needs}`,
      person.wants && `Wants: ${person.wants}`,
    ])
  }
  outline.routes.forEach(routeRow)
  outline.gaps.forEach(routeRow)
  for (const { purpose, notes } of outline.notes) {
    for (const note of notes) row(note.id, NotePurposes.get(purpose).label, note.text, [])
  }
  for (const action of outline.actions) {
    row(action.id, 'Action', action.what, [
      `Who: ${action.who || 'nobody yet'}`,
      `By: ${formatDueDate(action.due) || 'no date yet'}`,
      ActionStatuses.get(action.status).label,
    ])
  }
  return (
    BYTE_ORDER_MARK +
    Papa.unparse({ fields: [...CSV_COLUMNS], data: rows }, { escapeFormulae: FORMULA_START })
  )
}
