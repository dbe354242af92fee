import type { BoardExport, ExportAuthor } from '../../../../shared/export/boardExport'
import { formatDay } from '../../../../shared/formatDueDate'
import type { OutlineRoute } from '../../../../shared/mapOutline'
import { ServiceKinds } from '../../../../shared/shapes/serviceShape'
import { PRIORITISED_INTRO } from '../../../../shared/voteWords'
import {
  actionStatus,
  actionWhat,
  actionWhoAndWhen,
  gapWords,
  NOTE_SECTIONS,
  routeFromCard,
  serviceDetails,
} from '../../../../shared/outlineWords'
import { PdfWriter, type PdfFonts } from './PdfWriter'

/** The pictures a report shows, as JPEG or PNG bytes, made by tldraw in the browser. */
export interface ReportPictures {
  /** The whole board; null for a board with nothing on it. */
  readonly board: Uint8Array | null
  /** Each session area's frame, by shape id (areas that could not be drawn are left out). */
  readonly frames: ReadonlyMap<string, Uint8Array>
}

/**
 * The PDF report of a board: its title and date, the whole board and each session area as
 * pictures, what was mapped, what happens next, who made it, and the licence. Everything in it
 * comes from `report`, which holds only what may leave the board (names as each person chose to
 * be credited now, nobody who chose not to be named), and it is written as real text.
 */
export async function renderPdfReport(
  report: BoardExport,
  /** null: made without the canvas (the phone lane), so with the board as text only. */
  pictures: ReportPictures | null | Promise<ReportPictures | null>,
  fonts: PdfFonts,
): Promise<Uint8Array> {
  const exported = new Date(report.exportedAt)
  const pdf = await PdfWriter.create(fonts, {
    title: report.title,
    subject: 'A service map made together on Commonmap, with what happens next and who made it.',
    createdAt: exported,
  })
  const byline = (id: string) => authorLine(report.authors.get(id))

  // The text first, while the pictures are still being drawn; then the title page and the
  // pictures go in front of it.
  const { outline } = report
  pdf.heading('What we mapped', 1)
  if (outline.isEmpty) pdf.paragraph('Nothing was put on the map.', { muted: true })

  pdf.heading('Services', 2)
  if (outline.serviceGroups.length === 0) pdf.paragraph('No services yet.', { muted: true })
  for (const group of outline.serviceGroups) {
    pdf.heading(`${ServiceKinds.get(group.kind).label} (${group.services.length})`, 3)
    for (const service of group.services) {
      pdf.item(service.name, [
        serviceDetails(service),
        service.notes,
        ...routeLines(service),
        byline(service.id),
      ])
    }
  }

  if (outline.people.length > 0) {
    pdf.heading('Someone like me', 2)
    for (const person of outline.people) {
      pdf.item(person.name, [
        person.needs && `Needs: ${person.needs}`,
        person.wants && `Wants: ${person.wants}`,
        ...routeLines(person),
        byline(person.id),
      ])
    }
  }

  pdf.heading('Gaps: where there is no route', 2)
  if (outline.gaps.length === 0) pdf.paragraph('No gaps marked yet.', { muted: true })
  for (const gap of outline.gaps) pdf.item(gapWords(gap), [gap.note, byline(gap.id)])

  for (const { purpose, notes } of outline.notes) {
    pdf.heading(NOTE_SECTIONS[purpose].heading, 2)
    if (notes.length === 0) pdf.paragraph(NOTE_SECTIONS[purpose].empty, { muted: true })
    for (const note of notes) pdf.item(note.text.trim() || 'An empty note', [byline(note.id)])
  }

  if (report.prioritised) {
    pdf.heading('What we prioritised', 1)
    pdf.paragraph(PRIORITISED_INTRO, { muted: true })
    for (const card of report.prioritised.cards) pdf.item(`${card.name}: ${card.total}`, card.split)
    if (report.prioritised.differences?.length) {
      pdf.heading('Where people with lived experience and professionals differed', 2)
      for (const line of report.prioritised.differences) pdf.item(line)
    }
  }

  pdf.heading('What happens next', 1)
  if (outline.actions.length === 0) pdf.paragraph('No actions were agreed.', { muted: true })
  for (const action of outline.actions) {
    pdf.item(actionWhat(action), [
      `${actionWhoAndWhen(action)} · ${actionStatus(action)}`,
      byline(action.id),
    ])
  }

  pdf.newPage()
  pdf.heading('Who made this', 1)
  pdf.paragraph(
    'Everyone is credited the way they chose when this was exported. People who chose not to be named are not listed, and the size of a group under three people is not shown.',
    { muted: true },
  )
  if (report.credits.length === 0) pdf.paragraph('Nobody is named on this board.', { muted: true })
  for (const group of report.credits) {
    pdf.heading(group.label, 2)
    if (group.count !== null) {
      pdf.paragraph(`${group.count} ${group.count === 1 ? 'person' : 'people'} in this group.`)
    }
    for (const name of group.names) pdf.item(name)
  }
  // Apart from the credits: running the session made nobody an author.
  if (report.facilitatedBy) pdf.paragraph(`${report.facilitatedBy}.`)

  pdf.heading('Licence', 2)
  pdf.paragraph(report.licence.label, { bold: true })
  pdf.paragraph(report.licence.explanation)
  if (report.licence.url) pdf.paragraph(`The licence in full: ${report.licence.url}`)
  pdf.paragraph(licenceChoice(report.licence), { muted: true })

  const drawn = await pictures
  pdf.writeAtStart()
  pdf.heading(report.title, 1)
  pdf.paragraph(`A board made together on Commonmap. Exported on ${formatDay(report.exportedAt)}.`)
  pdf.paragraph(`Shared under ${report.licence.label}. ${report.licence.explanation}`, {
    muted: true,
  })
  pdf.paragraph(
    'In this report: ' +
      (drawn
        ? 'the whole board' + (report.frames.length > 0 ? ', each area of the session' : '') + ', '
        : '') +
      'what we mapped, ' +
      (report.prioritised ? 'what we prioritised, ' : '') +
      'what happens next, who made this, and the licence.',
    { muted: true },
  )
  if (!drawn) {
    pdf.paragraph(
      'This report was made without pictures of the board (on a phone, say): everything on the board is written out in it. A report made from the board view has the pictures too.',
      { muted: true },
    )
  } else if (drawn.board) await pdf.picture(drawn.board, 'The whole board')
  else pdf.paragraph('Nothing has been drawn on the board yet.', { muted: true })

  for (const frame of drawn ? report.frames : []) {
    const picture = drawn?.frames.get(frame.id)
    if (picture) await pdf.pictureOnItsOwnPage(picture, frame.name)
  }

  return pdf.save(`${report.title} · exported ${formatDay(report.exportedAt)}`)
}

function routeLines(card: {
  routesIn: readonly OutlineRoute[]
  routesOut: readonly OutlineRoute[]
}): string[] {
  const line = (route: OutlineRoute, direction: 'in' | 'out') =>
    routeFromCard(route, direction) + (route.note ? ` (${route.note})` : '')
  return [
    ...card.routesIn.map((route) => line(route, 'in')),
    ...card.routesOut.map((route) => line(route, 'out')),
  ]
}

/** "Added by Sam · Lived experience, written down by Priya"; empty when not credited to anyone. */
function authorLine(author: ExportAuthor | undefined): string {
  if (!author) return ''
  const who = author.role ? `${author.name} · ${author.role}` : author.name
  return (
    `Added by ${who}` + (author.writtenDownBy ? `, written down by ${author.writtenDownBy}` : '')
  )
}

function licenceChoice(licence: BoardExport['licence']): string {
  const when = licence.setAt === null ? '' : ` on ${formatDay(licence.setAt)}`
  if (licence.setBy) return `Chosen by ${licence.setBy}${when}.`
  if (licence.setAt !== null) return `Chosen by someone not named${when}.`
  return 'Nobody has chosen a licence for this board, so it is shared under Commonmap’s default.'
}
