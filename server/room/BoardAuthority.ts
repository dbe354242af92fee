import * as Y from 'yjs'
import { AttributionFold } from '../../shared/attribution'
import { creditedParticipant, type CreditSource } from '../../shared/credit'
import {
  DocRoot,
  SettingsKey,
  VOICE_BALANCE_KEY,
  getAttributionMap,
  getImportedMap,
  getParticipantsMap,
  getSettingsMap,
  getVoiceBalanceMap,
  type PublishedPerson,
} from '../../shared/docLayout'
import type { ImportedAttribution } from '../../shared/importedAttribution'
import type { LicenceChoice } from '../../shared/export/licences'
import type { LedgerDraft } from '../../shared/ledger'
import { computeVoiceBalance } from '../../shared/voiceBalance'
import { classifyRecordChange, recordKind, type RecordLike } from '../../shared/wordProps'
import { RecordMirror } from '../ledger/RecordMirror'

/** The origin of every transaction the server itself makes on a board's document. */
export const SERVER_ORIGIN = Symbol('commonmap-server')

/** Who a client transaction is from, as the server knows it (never as the client claims). */
export interface Author {
  /** The participant whose token opened the connection. */
  readonly participantId: string
  /** The person without a device they are adding for, if any. */
  readonly writingFor: string | null
}

/** Options of {@link BoardAuthority}. */
export interface BoardAuthorityOptions {
  /** Everyone on the board, private profiles (only their credited view is published). */
  readonly participants: readonly CreditSource[]
  /** The board's ledger so far, authorship entries at least (`arranged` ones may be left out). */
  readonly history: readonly LedgerDraft[]
  /**
   * For a board made from a file, where each imported shape came from (from storage). It never
   * changes after the board is created; the authority only keeps the `imported` root equal to it.
   */
  readonly imported?: ReadonlyMap<string, ImportedAttribution>
  /**
   * Whether to keep the contribution ledger. Only the benchmark turns it off, to measure what
   * the ledger costs; identity and the server-owned roots are enforced either way.
   */
  readonly ledger: boolean
  /** The licence someone chose for the board; undefined when nobody has (the default applies). */
  readonly licence?: LicenceChoice
  /** Server clock, epoch ms. */
  readonly now?: () => number
}

type Entry = { key: string; val: RecordLike }

/**
 * What only the server may decide about a board: who its people are and how they are credited,
 * the contribution ledger, who each shape is credited to, and the board's settings. It watches every transaction on
 * the room's document: for a client's, it drafts ledger entries (credited to the connection's
 * participant, or the person they write for) and notes any write to a server-owned root or to
 * a `user:` record's name; {@link settle} then writes the truth back in one server transaction.
 *
 * A CRDT cannot refuse part of an update, so refusing is done by correcting: the room relays the
 * client's update and the correction as one merged update, so nobody ever sees the forged state.
 */
export class BoardAuthority {
  private readonly doc: Y.Doc
  private readonly records: Y.Array<Entry>
  private readonly people: Y.Map<unknown>
  private readonly attribution: Y.Map<unknown>
  private readonly voiceBalance: Y.Map<unknown>
  private readonly importedRoot: Y.Map<unknown>
  private readonly imported: ReadonlyMap<string, ImportedAttribution>
  private readonly settings: Y.Map<unknown>
  private readonly mirror: RecordMirror | undefined
  private readonly fold = new AttributionFold()
  private readonly profiles = new Map<string, CreditSource>()
  private readonly now: () => number
  private readonly dirtyPeople = new Set<string>()
  private readonly dirtyAttribution = new Set<string>()
  private readonly dirtyVoiceKeys = new Set<string>()
  private readonly dirtyUsers = new Set<string>()
  private readonly dirtyImported = new Set<string>()
  private readonly dirtySettings = new Set<string>()
  private licence: LicenceChoice | undefined

  constructor(doc: Y.Doc, options: BoardAuthorityOptions) {
    this.doc = doc
    this.records = doc.getArray<Entry>(DocRoot.records)
    this.people = getParticipantsMap(doc)
    this.attribution = getAttributionMap(doc)
    this.voiceBalance = getVoiceBalanceMap(doc)
    this.importedRoot = getImportedMap(doc)
    this.imported = options.imported ?? new Map()
    this.settings = getSettingsMap(doc)
    this.licence = options.licence
    this.now = options.now ?? Date.now
    for (const profile of options.participants) this.profiles.set(profile.id, profile)
    for (const entry of options.history) this.fold.apply(entry)
    this.mirror = options.ledger ? new RecordMirror(this.records) : undefined
  }

  /** The credited view of a participant, or undefined for someone not on this board. */
  credited(participantId: string): PublishedPerson | undefined {
    const profile = this.profiles.get(participantId)
    return (
      profile && {
        ...creditedParticipant(profile),
        contributions: this.fold.contributionsOf(participantId),
      }
    )
  }

  /**
   * Why `scribeId` may not add things for `personId`, or null when they may: the person must be
   * someone without a device on this board, and the scribe someone with one. Anyone on the board
   * may write for them (in a room, whoever sits beside them), and the ledger records who did.
   */
  refuseWritingFor(scribeId: string, personId: string): string | null {
    const scribe = this.profiles.get(scribeId)
    const person = this.profiles.get(personId)
    if (!scribe || scribe.withoutDevice) return 'You are not on this board.'
    if (!person) return 'That person is not on this board.'
    if (!person.withoutDevice) {
      return 'That person has their own device, so they add things themselves.'
    }
    return null
  }

  /**
   * Watches one finished transaction (call from the document's `afterTransaction`). For a
   * client's transaction, appends the ledger drafts it produced to `drafts`.
   */
  observe(transaction: Y.Transaction, author: Author | null, drafts: LedgerDraft[]): void {
    const changes = this.mirror?.apply(transaction) ?? []
    if (transaction.origin === SERVER_ORIGIN) return
    this.noteForgeries(transaction)
    if (!author) return
    const at = this.now()
    const participantId = author.writingFor ?? author.participantId
    const writtenDownBy = author.writingFor ? author.participantId : null
    const contributedBefore = this.fold.contributionsOf(participantId)
    for (const { id, before, after } of changes) {
      if (id.startsWith('user:')) this.dirtyUsers.add(id.slice('user:'.length))
      const action = classifyRecordChange(before, after)
      if (!action) continue
      const recordType = recordKind((after ?? before) as RecordLike)
      const draft: LedgerDraft = {
        at,
        participantId,
        writtenDownBy,
        action,
        recordId: id,
        recordType,
      }
      drafts.push(draft)
      if (this.fold.apply(draft)) this.dirtyAttribution.add(id)
    }
    if (this.fold.contributionsOf(participantId) !== contributedBefore) {
      this.dirtyPeople.add(participantId)
      this.dirtyVoiceKeys.add(VOICE_BALANCE_KEY)
    }
  }

  /** Adds or changes a participant (a join, or a new credit choice); {@link settle} publishes it. */
  upsertParticipant(profile: CreditSource): void {
    this.profiles.set(profile.id, profile)
    this.dirtyPeople.add(profile.id)
    this.dirtyUsers.add(profile.id)
    this.dirtyVoiceKeys.add(VOICE_BALANCE_KEY)
  }

  /** Records the board's licence choice (made through the API); {@link settle} publishes it. */
  setLicence(choice: LicenceChoice): void {
    this.licence = choice
    this.dirtySettings.add(SettingsKey.licence)
  }

  /**
   * Marks everything for checking against the truth: after a restore, the document may hold
   * roots written before the server owned them, or a correction that never reached the disk.
   */
  reconcileAll(): void {
    for (const id of [...this.people.keys(), ...this.profiles.keys()]) this.dirtyPeople.add(id)
    for (const id of this.attribution.keys()) this.dirtyAttribution.add(id)
    for (const [id] of this.fold.entries()) this.dirtyAttribution.add(id)
    for (const key of this.voiceBalance.keys()) this.dirtyVoiceKeys.add(key)
    this.dirtyVoiceKeys.add(VOICE_BALANCE_KEY)
    for (const id of this.profiles.keys()) this.dirtyUsers.add(id)
    for (const id of [...this.importedRoot.keys(), ...this.imported.keys()]) {
      this.dirtyImported.add(id)
    }
    for (const key of this.settings.keys()) this.dirtySettings.add(key)
    this.dirtySettings.add(SettingsKey.licence)
  }

  /** True when {@link settle} has something to check. */
  get isDirty(): boolean {
    return (
      this.dirtyPeople.size +
        this.dirtyAttribution.size +
        this.dirtyVoiceKeys.size +
        this.dirtyUsers.size +
        this.dirtyImported.size +
        this.dirtySettings.size >
      0
    )
  }

  /**
   * Writes the truth wherever the document may differ from it, in one server transaction, and
   * only where it really differs (so a settled board produces no update at all).
   */
  settle(): void {
    if (!this.isDirty) return
    this.doc.transact(() => {
      for (const id of this.dirtyPeople) write(this.people, id, this.credited(id))
      for (const id of this.dirtyAttribution) write(this.attribution, id, this.fold.get(id))
      for (const key of this.dirtyVoiceKeys) {
        write(
          this.voiceBalance,
          key,
          key === VOICE_BALANCE_KEY
            ? computeVoiceBalance([...this.profiles.values()], this.fold.contributions())
            : undefined,
        )
      }
      for (const id of this.dirtyUsers) this.correctUserRecord(id)
      for (const id of this.dirtyImported) write(this.importedRoot, id, this.imported.get(id))
      for (const key of this.dirtySettings) {
        write(this.settings, key, key === SettingsKey.licence ? this.licence : undefined)
      }
    }, SERVER_ORIGIN)
    this.dirtyPeople.clear()
    this.dirtyAttribution.clear()
    this.dirtyVoiceKeys.clear()
    this.dirtyUsers.clear()
    this.dirtyImported.clear()
    this.dirtySettings.clear()
  }

  /** Notes every key a client wrote in a server-owned root, to be written back. */
  private noteForgeries(transaction: Y.Transaction): void {
    const changed = transaction.changed as Map<unknown, Set<string | null>>
    const note = (map: Y.Map<unknown>, into: Set<string>) => {
      for (const key of changed.get(map) ?? []) if (key !== null) into.add(key)
    }
    note(this.people, this.dirtyPeople)
    note(this.attribution, this.dirtyAttribution)
    note(this.voiceBalance, this.dirtyVoiceKeys)
    note(this.importedRoot, this.dirtyImported)
    note(this.settings, this.dirtySettings)
  }

  /**
   * tldraw keeps a `user:` record per person in the document, with the name it shows. Only the
   * credited name may be there: a client writing another person's private name, or any other
   * name for them, is corrected like any other forgery.
   */
  private correctUserRecord(participantId: string): void {
    const mirror = this.mirror
    const person = this.credited(participantId)
    if (!mirror || !person) return
    const id = `user:${participantId}`
    const record = mirror.get(id)
    if (!record || (record.name === person.name && record.color === person.color)) return
    const index = mirror.indexOf(id)
    if (index < 0) return
    this.records.delete(index, 1)
    this.records.push([{ key: id, val: { ...record, name: person.name, color: person.color } }])
  }
}

/** Sets `key` to `value` (deleting it for undefined) unless it already holds an equal value. */
function write(map: Y.Map<unknown>, key: string, value: unknown): void {
  const current = map.get(key)
  if (value === undefined) {
    if (map.has(key)) map.delete(key)
    return
  }
  if (!isDeepEqual(current, value)) map.set(key, value)
}

function isDeepEqual(a: unknown, b: unknown): boolean {
  if (a === b) return true
  if (a instanceof Y.AbstractType || b instanceof Y.AbstractType) return false
  return JSON.stringify(a) === JSON.stringify(b)
}
