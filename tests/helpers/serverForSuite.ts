import { afterAll, beforeAll } from 'vitest'
import { connectClient, type ConnectOptions, type TestClient } from './connectClient'
import { startServer, type StartServerOptions, type TestServer } from './startServer'

/** A real server for one `describe` block, and the clients its tests connect to it. */
export interface SuiteServer {
  /** The running server; there from the block's first test (it starts in `beforeAll`). */
  readonly server: TestServer
  /** Connects a client to a board on the server (see connectClient); it is closed with the block. */
  connect(boardId: string, options?: ConnectOptions): Promise<TestClient>
  /** Closes every client connected so far, as a test does before it stops or restarts the server. */
  closeClients(): void
}

/**
 * Starts a server before the enclosing `describe` block's first test, and after its last closes
 * every client {@link SuiteServer.connect} made and stops the server (deleting its data folder).
 */
export function serverForSuite(options?: StartServerOptions): SuiteServer {
  let started: TestServer | undefined
  const clients: TestClient[] = []
  const closeClients = () => {
    for (const client of clients.splice(0)) client.close()
  }
  beforeAll(async () => {
    started = await startServer(options)
  })
  afterAll(async () => {
    closeClients()
    await started?.stop()
  })
  return {
    get server() {
      if (!started) throw new Error('The server starts before the first test of its block.')
      return started
    },
    async connect(boardId, connectOptions) {
      const client = await connectClient(this.server.url, boardId, connectOptions)
      clients.push(client)
      return client
    },
    closeClients,
  }
}
