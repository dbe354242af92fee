import { afterAll, afterEach, beforeAll } from 'vitest'
import { connectClient, type TestClient } from './connectClient'
import { startServer, type TestServer } from './startServer'

/** A real server for a `describe` block, and clients on it that close after each test. */
export interface RealServer {
  /** The running server (only inside tests, after it started). */
  readonly server: TestServer
  /** Connects a client with `token` to a board; it is closed after the test. */
  connect(boardId: string, token: string): Promise<TestClient>
}

/**
 * Starts a server (port 0, temporary data folder) before a `describe` block's tests and stops it
 * after them; clients connected through it are closed after each test. Call in the block.
 */
export function useRealServer(): RealServer {
  let server: TestServer | undefined
  const clients: TestClient[] = []
  beforeAll(async () => {
    server = await startServer()
  })
  afterEach(() => {
    for (const client of clients.splice(0)) client.close()
  })
  afterAll(() => server?.stop())
  return {
    get server() {
      if (!server) throw new Error('The server starts before the tests run')
      return server
    },
    async connect(boardId, token) {
      const client = await connectClient(this.server.url, boardId, { token })
      clients.push(client)
      return client
    },
  }
}
