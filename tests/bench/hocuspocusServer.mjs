// Hocuspocus as the bench runs it (serverProcess.ts): a plain server, documents in memory, no
// extensions and no hooks, so any token is accepted. Plain JavaScript run with plain Node, as
// the other servers are: a TypeScript loader would add its own memory to the idle figures.
import { Server } from '@hocuspocus/server'

const host = process.env.HOST ?? '127.0.0.1'
const server = new Server({ port: Number(process.env.PORT ?? 0), address: host, quiet: true })
await server.listen()
// One line with the address, as the bench reads it; with PORT=0 only the listener knows the port.
process.stdout.write(`Hocuspocus is running at http://${host}:${server.address.port}\n`)
