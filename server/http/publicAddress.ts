import { isIP } from 'node:net'
import { networkInterfaces, type NetworkInterfaceInfo } from 'node:os'

/** Where people can reach a server listening on a given host and port. */
export interface PublicAddress {
  /** The URL to print: the one to open on this computer, or in the room when shared. */
  readonly url: string
  /** The origin other devices can use, or null when the server only listens on loopback. */
  readonly shareOrigin: string | null
}

const WILDCARDS = new Set(['0.0.0.0', '::', '0:0:0:0:0:0:0:0'])

/**
 * Works out the address to show people. Bound to loopback, the server is only reachable from
 * this computer, so there is nothing to share. Bound to every interface (`0.0.0.0`), the URL uses
 * this machine's first non-internal IPv4 address, which is what a phone in the same room can
 * open; `localhost` would mean the phone itself.
 */
export function publicAddress(
  host: string,
  port: number,
  interfaces: NodeJS.Dict<NetworkInterfaceInfo[]> = networkInterfaces(),
): PublicAddress {
  if (isLoopback(host)) return { url: origin(host, port), shareOrigin: null }
  if (WILDCARDS.has(host)) {
    const lan = Object.values(interfaces)
      .flat()
      .find((info) => info && info.family === 'IPv4' && !info.internal)
    if (!lan) return { url: origin('127.0.0.1', port), shareOrigin: null }
    const shared = origin(lan.address, port)
    return { url: shared, shareOrigin: shared }
  }
  const shared = origin(host, port)
  return { url: shared, shareOrigin: shared }
}

function isLoopback(host: string): boolean {
  return host === 'localhost' || host === '::1' || (isIP(host) === 4 && host.startsWith('127.'))
}

function origin(host: string, port: number): string {
  return `http://${isIP(host) === 6 ? `[${host}]` : host}:${port}`
}
