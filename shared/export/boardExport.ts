import type { TLFrameShape, TLRecord } from '@tldraw/tlschema'
import type { RecordAttribution } from '../attribution'
import { describePerson } from '../credit'
import type { PublishedVote } from '../dotVote'
import { facilitatedByLine } from '../facilitatedBy'
import { mapOutline, type MapOutline } from '../mapOutline'
import { participantOf, type Participant, type PublishedPerson } from '../participant'
import { ROLES, type RoleId } from '../roles'
import { MIN_GROUP_SIZE } from '../voiceBalance'
import { voteCardName } from '../voteCards'
import { prioritisedWords, type PrioritisedWords } from '../voteWords'
import { LICENCES, type LicenceChoice, type LicenceInfo } from './licences'

/**
 * Everything an export says about a board, made once from the board's state at the moment of
 * export and then rendered by each format (PDF, HTML, CSV, the bundle's README). It holds only
 * what may leave the board: names as each person chose to be credited *now*, and nobody who
 * chose "not named" at all — not in credits, not as an author, not as an action's owner.
 */
export interface BoardExport {
  readonly title: string
  /** Epoch ms. */
  readonly exportedAt: number
  readonly licence: LicenceInfo & {
    /** Who chose it, as credited ("Sam · Lived experience"); null for the default or not named. */
    readonly setBy: string | null
    readonly setAt: number | null
  }
  /** The map as data, with action owners named as credited (never a not-named person's name). */
  readonly outline: MapOutline
  /**
   * Who each map item is credited to, by shape id, for the CSV's author and role columns and
   * the reports: absent for a shape whose author chose "not named" or is unknown.
   */
  readonly authors: ReadonlyMap<string, ExportAuthor>
  /** "Who made this": contributors grouped by role, in the order of ROLES. */
  readonly credits: readonly CreditGroup[]
  /**
   * "Facilitated by Alex · Facilitator": who ran the session, said apart from the credits
   * (running it made nobody an author), or null when nobody is recorded as running it.
   */
  readonly facilitatedBy: string | null
  /** The session template's frames, in order, when the board has them (for a page each). */
  readonly frames: readonly { readonly id: string; readonly name: string }[]
  /**
   * "What we prioritised": the results of the board's latest dot vote once it closed, split by
   * role with the voice balance's rules; undefined when there is none or it is still open.
   */
  readonly prioritised: PrioritisedWords | undefined
}

export interface ExportAuthor {
  /** As credited: "Sam Jones", "Sam", "Blue Heron", "A practitioner". */
  readonly name: string
  /** The role label when their choice shows it ("Lived experience"), else null. */
  readonly role: string | null
  /** "written down by" someone else (credited name), when that person is named. */
  readonly writtenDownBy: string | null
}

export interface CreditGroup {
  readonly role: RoleId
  /** "Lived experience", "Carer or family member", ... */
  readonly label: string
  /** Credited names of the people in this group who are named in some form, sorted. */
  readonly names: readonly string[]
  /**
   * How many people in this group contributed (named in some form), or null when fewer than
   * three, so that a small group's size is never shown.
   */
  readonly count: number | null
}

/** What {@link buildBoardExport} reads: the board's state, all of it server-owned or validated. */
export interface BoardExportSource {
  readonly title: string
  readonly records: readonly TLRecord[]
  /** The `participants` root (credited, with contributions). */
  readonly people: ReadonlyMap<string, PublishedPerson>
  /** The `attribution` root. */
  readonly attributions: ReadonlyMap<string, RecordAttribution>
  readonly licence: LicenceChoice
  /** The participant ids of everyone who may run the session. */
  readonly facilitators: readonly string[]
  /** The `vote` state: the board's latest dot vote; absent when nobody opened one. */
  readonly vote?: PublishedVote
  readonly now: number
}

/**
 * What a Commonmap board file (`.tldr`, and the board inside an exported PNG or SVG) carries
 * besides tldraw's own records, in the `document:document` record's `meta.commonmap` (where
 * tldraw keeps whatever an app puts, as it is). Names are as credited at export; a "not named" person appears nowhere in the file: `user:` records carry credited
 * names, never private ones, and attribution leaves them out.
 */
export interface EmbeddedBoardInfo {
  readonly format: 'commonmap-board'
  readonly version: 1
  readonly title: string
  /** Epoch ms. */
  readonly exportedAt: number
  readonly licence: LicenceChoice['id']
  /** Shape id → who it was credited to when exported (shapes of not-named people left out). */
  readonly attribution: Readonly<Record<string, EmbeddedAttribution>>
}

export interface EmbeddedAttribution {
  readonly name: string
  readonly role: string | null
  /** Epoch ms when it was added, when known. */
  readonly addedAt: number | null
}

/** The key of {@link EmbeddedBoardInfo} in the document record's `meta`. */
export const EMBEDDED_BOARD_META_KEY = 'commonmap'

/**
 * What an action owned by someone who chose "not named" says in its "who": a person, but not
 * which one. Not "Someone not named", which would still mark them as the owner of that action.
 */
export const UNNAMED_OWNER = 'Someone'

/**
 * Makes the export of a board from its state (pure; the caller reads the state). Every name in
 * the result is as its person chooses to be credited now; a person who chose "not named" is
 * left out of credits and authors, and an action they own says {@link UNNAMED_OWNER}.
 */
export function buildBoardExport(source: BoardExportSource): BoardExport {
  const named = new Map([...source.people].filter(([, person]) => person.credit !== 'not-named'))
  const owners = new Map<string, Participant>(
    [...source.people].map(([id, person]) => [
      id,
      person.credit === 'not-named' ? { ...participantOf(person), name: UNNAMED_OWNER } : person,
    ]),
  )
  const setBy = source.licence.setBy === null ? undefined : named.get(source.licence.setBy)
  return {
    title: source.title,
    exportedAt: source.now,
    licence: {
      ...LICENCES[source.licence.id],
      setBy: setBy ? describePerson(setBy) : null,
      setAt: source.licence.setAt,
    },
    outline: mapOutline(source.records, owners),
    authors: exportAuthors(source.attributions, named),
    credits: creditGroups(named.values()),
    // Like the credits, a facilitator who chose not to be named is not named here either.
    facilitatedBy: facilitatedByLine(source.facilitators.flatMap((id) => named.get(id) ?? [])),
    frames: boardFrames(source.records),
    prioritised: closedVoteWords(source),
  }
}

/** A vote's results go into an export only once it closed: while open they may still change. */
function closedVoteWords({ vote, records }: BoardExportSource): PrioritisedWords | undefined {
  if (!vote || vote.vote.closedAt === null) return undefined
  const byId = new Map(records.map((record) => [record.id as string, record]))
  return prioritisedWords(vote, (shapeId) => voteCardName(byId.get(shapeId)))
}

function exportAuthors(
  attributions: ReadonlyMap<string, RecordAttribution>,
  named: ReadonlyMap<string, PublishedPerson>,
): Map<string, ExportAuthor> {
  const authors = new Map<string, ExportAuthor>()
  for (const [shapeId, attribution] of attributions) {
    const author = attribution.addedBy === null ? undefined : named.get(attribution.addedBy)
    if (!author) continue
    const scribe =
      attribution.addedWrittenDownBy === null
        ? undefined
        : named.get(attribution.addedWrittenDownBy)
    authors.set(shapeId, {
      name: author.name,
      role: author.roleLabel,
      writtenDownBy: scribe ? scribe.name : null,
    })
  }
  return authors
}

const collator = new Intl.Collator('en', { sensitivity: 'base', numeric: true })

function creditGroups(people: Iterable<PublishedPerson>): CreditGroup[] {
  const contributors = [...people].filter((person) => person.contributions > 0)
  return ROLES.flatMap(({ id: role, label }) => {
    const names = contributors
      .filter((person) => person.role === role)
      .map((person) => person.name)
      .sort(collator.compare)
    if (names.length === 0) return []
    const count = names.length >= MIN_GROUP_SIZE ? names.length : null
    return [{ role, label, names, count }]
  })
}

/** What to call a frame nobody has named. */
export const UNNAMED_FRAME = 'An area with no name'

/**
 * The board's frames on its pages, in their order on the page (a session template lays its
 * areas out in the order the session goes), so each can have a page of its own in a report.
 */
function boardFrames(records: readonly TLRecord[]): BoardExport['frames'] {
  return records
    .filter(
      (record): record is TLFrameShape =>
        record.typeName === 'shape' &&
        record.type === 'frame' &&
        record.parentId.startsWith('page:'),
    )
    .sort((a, b) => (a.index < b.index ? -1 : a.index > b.index ? 1 : a.id < b.id ? -1 : 1))
    .map((frame) => ({ id: frame.id, name: frame.props.name.trim() || UNNAMED_FRAME }))
}
