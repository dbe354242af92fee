import * as Y from 'yjs'

/**
 * The few Yjs internals the room core needs, in one place (ENGINEERING.md: private internals go
 * behind one small adapter, checked by the sync fuzz test). Yjs has no public way to list what a
 * transaction added so far, nor to delete one element of an array by its id: the core needs both
 * to refuse part of a client's update inside the transaction that applied it, so that Yjs's own
 * garbage collection drops the refused content before the update is encoded, stored or relayed.
 */

/**
 * Applies a client's V1 update inside a transaction the server opened, so the server can vet and
 * correct it before the transaction ends. Yjs marks the transaction as remote when it applies an
 * update; the server then writing its own corrections in it would look like another client using
 * the server's client id, and Yjs would give the server a new one (and every state vector a new
 * entry) each time. The transaction is the server's own, so it is marked local again.
 */
export function applyUpdateIn(transaction: Y.Transaction, update: Uint8Array): void {
  try {
    Y.applyUpdate(transaction.doc, update)
  } finally {
    transaction.local = true
  }
}

/** One element of a Y.Array, with its position in its item and its own id. */
export interface ArrayElement {
  readonly item: Y.Item
  readonly value: unknown
  readonly id: Y.ID
}

/** The elements of an item's content, or none for content that holds no values (deleted, types). */
export function elementsOf(item: Y.Item): ArrayElement[] {
  if (!(item.content instanceof Y.ContentAny)) return []
  return (item.content.getContent() as unknown[]).map((value, offset) => ({
    item,
    value,
    id: Y.createID(item.id.client, item.id.clock + offset),
  }))
}

/** Calls `visit` for every item the transaction has integrated so far (live or deleted since). */
export function forEachItemAdded(transaction: Y.Transaction, visit: (item: Y.Item) => void): void {
  const { store } = transaction.doc
  for (const [client, structs] of store.clients) {
    const from = transaction.beforeState.get(client) ?? 0
    if (Y.getState(store, client) <= from) continue
    for (let i = Y.findIndexSS(structs, from); i < structs.length; i++) {
      const struct = structs[i]
      if (struct instanceof Y.Item) visit(struct)
    }
  }
}

/** True when the item was integrated by this transaction. */
export function isAddedIn(transaction: Y.Transaction, item: Y.Item): boolean {
  return item.id.clock >= (transaction.beforeState.get(item.id.client) ?? 0)
}

/** Calls `visit` for every item the transaction has deleted so far. */
export function forEachItemDeleted(
  transaction: Y.Transaction,
  visit: (item: Y.Item) => void,
): void {
  Y.iterateDeletedStructs(transaction, transaction.deleteSet, (struct) => {
    if (struct instanceof Y.Item) visit(struct)
  })
}

/** Deletes one array element by its id, splitting its item so its neighbours stay. */
export function deleteElement(transaction: Y.Transaction, id: Y.ID): void {
  const item = Y.getItemCleanStart(transaction, id)
  Y.getItemCleanEnd(transaction, transaction.doc.store, id)
  item.delete(transaction)
}

/** Deletes a whole item (and, for a nested type, everything in it). */
export function deleteItem(transaction: Y.Transaction, item: Y.Item): void {
  item.delete(transaction)
}

/** Every live item of an array, left to right. */
export function* liveItems(array: Y.Array<unknown>): Generator<Y.Item> {
  for (let item = array._start; item !== null; item = item.right) {
    if (!item.deleted) yield item
  }
}

/** Deletes everything in a root type (a map's entries, a list's elements). */
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- roots of any kind
export function deleteContent(transaction: Y.Transaction, type: Y.AbstractType<any>): void {
  for (const item of type._map.values()) if (!item.deleted) item.delete(transaction)
  for (let item = type._start; item !== null; item = item.right) {
    if (!item.deleted) item.delete(transaction)
  }
}

/**
 * A root of the document read as a map, or undefined when the document has none or it holds
 * no map entries (a root a board saved by an older version kept beside its records).
 */
export function legacyMap(doc: Y.Doc, name: string): ReadonlyMap<string, unknown> | undefined {
  const type = doc.share.get(name)
  if (!type || type._map.size === 0) return undefined
  const entries = new Map<string, unknown>()
  for (const [key, item] of type._map) {
    if (!item.deleted && item.content instanceof Y.ContentAny) {
      entries.set(key, item.content.getContent().at(-1))
    }
  }
  return entries
}
