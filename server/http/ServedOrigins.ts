import { isIP } from 'node:net'
import { networkInterfaces, type NetworkInterfaceInfo } from 'node:os'

/** Options of {@link ServedOrigins}. */
export interface ServedOriginsOptions {
  /** The address the server listens on (`HOST`). */
  readonly host: string
  readonly port: number
  /** Origins a reverse proxy serves this server under (`ALLOWED_ORIGINS`), e.g. `https://map.example.org`. */
  readonly extra: readonly string[]
  /** This computer's network interfaces (injectable for tests). */
  readonly interfaces?: () => NodeJS.Dict<NetworkInterfaceInfo[]>
}

const WILDCARDS = new Set(['0.0.0.0', '::', '0:0:0:0:0:0:0:0'])
/** A wildcard server re-reads its addresses at most this often, when an origin is unknown. */
const REREAD_MS = 5000

/**
 * The origins this server's own pages are served from: a page from any other origin is another
 * site, and may not change anything here (crossSite.ts) or open a board socket. They are
 * `http://` with the server's port and a name or address of this computer: its loopback names,
 * the address it listens on, and, listening on every interface, each address this computer has
 * (re-read when a laptop moves to another network); plus whatever a reverse proxy serves it as.
 */
export class ServedOrigins {
  private readonly fixed: Set<string>
  private local = new Set<string>()
  private readAt = Number.NEGATIVE_INFINITY
  private readonly wildcard: boolean

  constructor(private readonly options: ServedOriginsOptions) {
    const { host, port } = options
    this.wildcard = WILDCARDS.has(host)
    this.fixed = new Set([
      ...['localhost', '127.0.0.1', '::1'].map((name) => originOf(name, port)),
      ...(this.wildcard ? [] : [originOf(host, port)]),
      ...options.extra,
    ])
  }

  /** True when `origin` (an `Origin` header's value) is one of this server's. */
  has(origin: string): boolean {
    if (this.fixed.has(origin) || this.local.has(origin)) return true
    if (!this.wildcard || performance.now() - this.readAt < REREAD_MS) return false
    this.readAt = performance.now()
    const interfaces = (this.options.interfaces ?? networkInterfaces)()
    this.local = new Set(
      Object.values(interfaces)
        .flat()
        .flatMap((info) => (info ? [originOf(info.address, this.options.port)] : [])),
    )
    return this.local.has(origin)
  }
}

function originOf(host: string, port: number): string {
  return `http://${isIP(host) === 6 ? `[${host}]` : host}:${port}`
}
