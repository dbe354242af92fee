import * as Y from 'yjs'
import { waitFor } from '../helpers/waitFor'
import { benchParticipant, geoShape } from './benchRecords'
import { countShapes, openBoard, type OpenedBoard } from './openBoard'
import type { ServerProcess } from './serverProcess'

/** The board to fill. */
export interface BoardSize {
  readonly shapes: number
  /** Shapes per transaction while filling the board: each batch is one update. */
  readonly fillBatch: number
}

/** A filled board: its state, and a client still on it. */
export interface FilledBoard {
  /** The board as a client that joined after the fill has it, as one update. */
  readonly board: Uint8Array
  /**
   * That client, still connected: a server that drops a document when its last connection
   * leaves (Hocuspocus without storage) keeps the board only while someone is there.
   */
  readonly reader: OpenedBoard
}

/**
 * Writes a board of `size.shapes` tldraw shapes in batches from one client, and waits until a
 * second client receives every shape.
 */
export async function fillBoard(
  server: ServerProcess,
  room: string,
  size: BoardSize,
): Promise<FilledBoard> {
  const writer = await openBoard(server, room, await server.tokenFor(room, 0))
  const author = benchParticipant(0)
  for (let start = 0; start < size.shapes; start += size.fillBatch) {
    writer.provider.doc.transact(() => {
      for (let n = start; n < Math.min(size.shapes, start + size.fillBatch); n++) {
        const shape = geoShape(n, { x: (n % 100) * 240, y: Math.floor(n / 100) * 160, author })
        writer.records.set(shape.id, shape)
      }
    })
  }
  const reader = await openBoard(server, room, await server.tokenFor(room, 1))
  try {
    await waitFor(() => countShapes(reader.records) >= size.shapes, {
      timeoutMs: 60_000,
      what: `the server to hold all ${size.shapes} shapes`,
    })
  } catch (error) {
    reader.provider.close()
    throw error
  } finally {
    writer.provider.close()
  }
  return { board: Y.encodeStateAsUpdate(reader.provider.doc), reader }
}
