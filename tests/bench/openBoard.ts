import type { TLRecord } from '@tldraw/tlschema'
import type { YKeyValue } from 'y-utility/y-keyvalue'
import * as Y from 'yjs'
import { getRecordStore } from '../../shared/docLayout'
import { openProvider, type OpenedProvider } from './openProvider'
import type { ServerProcess } from './serverProcess'

/** A synced full client of a board, with its records as the app reads them. */
export type OpenedBoard = OpenedProvider & { readonly records: YKeyValue<TLRecord> }

/** A client of the board with its records bound before it connects, as the app binds them. */
export async function openBoard(
  server: Pick<ServerProcess, 'kind' | 'url'>,
  room: string,
  token: string | undefined,
): Promise<OpenedBoard> {
  const doc = new Y.Doc()
  const records = getRecordStore(doc)
  return { ...(await openProvider(server, room, doc, { token })), records }
}

/** How many shapes a board's records hold. */
export function countShapes(records: YKeyValue<TLRecord>): number {
  let count = 0
  for (const id of records.map.keys()) if (id.startsWith('shape:')) count++
  return count
}
