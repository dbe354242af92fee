import { useEffect, useState } from 'react'
import { T } from 'tldraw'
import type * as Y from 'yjs'
import type { RecordAttribution } from '../../../shared/attribution'
import {
  SettingsKey,
  VOICE_BALANCE_KEY,
  getAttributionMap,
  getImportedMap,
  getSettingsMap,
  getVoiceBalanceMap,
  type PublishedPerson,
} from '../../../shared/docLayout'
import {
  DEFAULT_LICENCE_CHOICE,
  licenceInForce,
  type LicenceChoice,
} from '../../../shared/export/licences'
import {
  readImportedAttribution,
  type ImportedAttribution,
} from '../../../shared/importedAttribution'
import { publishedPersonValidator } from '../../../shared/participant'
import type { VoiceBalance } from '../../../shared/voiceBalance'
import { readRecordAttribution } from '../collab/attribution'

/** Who each shape is credited to, by shape id, from the server-owned `attribution` root. */
export function useAttributions(doc: Y.Doc | undefined): ReadonlyMap<string, RecordAttribution> {
  return useMapRoot(doc, getAttributionMap, readAttributions)
}

/**
 * Where each shape that came in with a board file came from, by shape id, from the server-owned
 * `imported` root (empty for a board that was not made from a file).
 */
export function useImported(doc: Y.Doc | undefined): ReadonlyMap<string, ImportedAttribution> {
  return useMapRoot(doc, getImportedMap, readImported)
}

/** The board's voice balance, from the server-owned `voiceBalance` root. */
export function useVoiceBalance(doc: Y.Doc | undefined): VoiceBalance | undefined {
  const [balance, setBalance] = useState<VoiceBalance>()
  useEffect(() => {
    if (!doc) return
    const map = getVoiceBalanceMap(doc)
    const read = () => setBalance(readVoiceBalance(map.get(VOICE_BALANCE_KEY)))
    read()
    map.observe(read)
    return () => map.unobserve(read)
  }, [doc])
  return balance
}

/** The board's licence and who chose it, from the server-owned `settings` root. */
export function useLicence(doc: Y.Doc | undefined): LicenceChoice {
  const [licence, setLicence] = useState<LicenceChoice>(DEFAULT_LICENCE_CHOICE)
  useEffect(() => {
    if (!doc) return
    const map = getSettingsMap(doc)
    const read = () =>
      setLicence((current) => {
        const next = licenceInForce(map.get(SettingsKey.licence))
        // Keep the same object when nothing changed, so the board's context stays the same.
        return JSON.stringify(next) === JSON.stringify(current) ? current : next
      })
    read()
    map.observe(read)
    return () => map.unobserve(read)
  }, [doc])
  return licence
}

function useMapRoot<V>(
  doc: Y.Doc | undefined,
  root: (doc: Y.Doc) => Y.Map<unknown>,
  read: (map: Y.Map<unknown>) => Map<string, V>,
): ReadonlyMap<string, V> {
  const [value, setValue] = useState<ReadonlyMap<string, V>>(new Map())
  useEffect(() => {
    if (!doc) return
    const map = root(doc)
    const update = () => setValue(read(map))
    update()
    map.observe(update)
    return () => map.unobserve(update)
  }, [doc, root, read])
  return value
}

/** The valid entries of the participants root, keyed by id; an entry filed under another id is dropped. */
export function readPeople(map: Y.Map<unknown>): Map<string, PublishedPerson> {
  const valid = new Map<string, PublishedPerson>()
  for (const [id, value] of map) {
    try {
      const person = publishedPersonValidator.validate(value)
      if (person.id === id) valid.set(id, person)
    } catch {
      // Not shown; attribution falls back to "someone who is no longer listed".
    }
  }
  return valid
}

/**
 * Reads a root of values keyed by shape id, leaving out the invalid ones (a client may write
 * there for a moment before the server corrects it). Made once per root, at module level, so
 * {@link useMapRoot} sees the same function on every render.
 */
function validEntries<V>(read: (value: unknown) => V | undefined) {
  return (map: Y.Map<unknown>): Map<string, V> => {
    const valid = new Map<string, V>()
    for (const [id, value] of map) {
      const entry = read(value)
      if (entry) valid.set(id, entry)
    }
    return valid
  }
}

const readAttributions = validEntries(readRecordAttribution)
const readImported = validEntries(readImportedAttribution)

const share = T.number.nullable()
const voiceBalanceValidator = T.object({
  people: T.number,
  contributions: T.number,
  roles: T.arrayOf(
    T.object({
      role: T.string,
      shown: T.boolean,
      people: share,
      contributions: share,
      peopleShare: share,
      contributionShare: share,
    }),
  ),
  smallGroups: T.object({
    roles: T.arrayOf(T.string),
    people: share,
    contributions: share,
    peopleShare: share,
    contributionShare: share,
  }).nullable(),
})

function readVoiceBalance(value: unknown): VoiceBalance | undefined {
  try {
    return voiceBalanceValidator.validate(value) as VoiceBalance
  } catch {
    return undefined
  }
}
