import type { KeptServerState } from '../collab/ServerStateMirror'

const DATABASE = 'commonmap-server-state'
const STORE = 'boards'

/**
 * A board's server state kept on this device (IndexedDB, beside y-indexeddb's copy of its
 * document), so names, credits and the licence still show, and exports still work, when the
 * board is opened offline. What is read back is checked like any server message (it could be
 * stale, or from an older version).
 */
export const keptServerState = {
  async read(boardId: string): Promise<KeptServerState | undefined> {
    const db = await open()
    try {
      return await request<KeptServerState | undefined>(
        db.transaction(STORE, 'readonly').objectStore(STORE).get(boardId),
      )
    } finally {
      db.close()
    }
  },

  async write(boardId: string, state: KeptServerState): Promise<void> {
    const db = await open()
    try {
      await request(db.transaction(STORE, 'readwrite').objectStore(STORE).put(state, boardId))
    } finally {
      db.close()
    }
  },
}

function open(): Promise<IDBDatabase> {
  const opening = indexedDB.open(DATABASE, 1)
  opening.onupgradeneeded = () => opening.result.createObjectStore(STORE)
  return request(opening)
}

function request<T>(req: IDBRequest<T>): Promise<T> {
  return new Promise((resolve, reject) => {
    req.onsuccess = () => resolve(req.result)
    req.onerror = () => reject(req.error ?? new Error('IndexedDB request failed'))
  })
}
