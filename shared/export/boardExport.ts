import type { TLRecord } from '@tldraw/tlschema'
import type { RecordAttribution } from '../attribution'
import type { PublishedPerson } from '../docLayout'
import type { MapOutline } from '../mapOutline'
import type { RoleId } from '../roles'
import type { LicenceChoice, LicenceInfo } from './licences'

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
  /** The session template's frames, in order, when the board has them (for a page each). */
  readonly frames: readonly { readonly id: string; readonly name: string }[]
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
  /** The `people` root (credited, with contributions). */
  readonly people: ReadonlyMap<string, PublishedPerson>
  /** The `attribution` root. */
  readonly attributions: ReadonlyMap<string, RecordAttribution>
  readonly licence: LicenceChoice
  readonly now: number
}

/**
 * What a Commonmap board file (`.tldr`, and the board inside an exported PNG or SVG) carries
 * besides tldraw's own records, in the `document:document` record's `meta.commonmap` (tldraw
 * keeps a record's `meta` as it is, so the file still opens in tldraw). Names are as credited at
 * export; a "not named" person appears nowhere in the file: `user:` records carry credited
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
