import * as Y from 'yjs'
import { MalformedMessageError } from './wireMessages'

/**
 * True when applying `update` would change `doc`: it holds content the document lacks, or
 * deletes something still there. A client that may only watch still sends updates (its sync
 * answer holds the whole delete set it knows), and those that change nothing are not attempts
 * to write. Throws {@link MalformedMessageError} for bytes that are not a V1 update.
 */
export function writesAnything(doc: Y.Doc, update: Uint8Array): boolean {
  let decoded: { structs: (Y.Item | Y.GC)[]; ds: ReturnType<typeof Y.createDeleteSet> }
  try {
    decoded = Y.decodeUpdate(update) as typeof decoded
  } catch (error) {
    throw new MalformedMessageError(`An update that cannot be read: ${String(error)}`)
  }
  const { store } = doc
  for (const struct of decoded.structs) {
    if (struct.id.clock + struct.length > Y.getState(store, struct.id.client)) return true
  }
  for (const [client, deletes] of decoded.ds.clients) {
    const structs = store.clients.get(client)
    const known = Y.getState(store, client)
    for (const { clock, len } of deletes) {
      const end = Math.min(clock + len, known)
      if (!structs || clock >= end) continue
      for (let i = Y.findIndexSS(structs, clock); i < structs.length; i++) {
        const struct = structs[i] as Y.Item | Y.GC
        if (struct.id.clock >= end) break
        if (!struct.deleted) return true
      }
    }
  }
  return false
}
