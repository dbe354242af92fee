import type { NetworkInterfaceInfo } from 'node:os'
import { describe, expect, it } from 'vitest'
import { publicAddress } from './publicAddress'

const iface = (address: string, family: 'IPv4' | 'IPv6', internal: boolean) =>
  ({ address, family, internal }) as NetworkInterfaceInfo

const interfaces = {
  lo: [iface('127.0.0.1', 'IPv4', true), iface('::1', 'IPv6', true)],
  eth0: [iface('fe80::1', 'IPv6', false), iface('192.168.1.20', 'IPv4', false)],
  wlan0: [iface('10.0.0.5', 'IPv4', false)],
}

describe('publicAddress', () => {
  it('shares nothing when bound to loopback', () => {
    expect(publicAddress('127.0.0.1', 8080, interfaces)).toEqual({
      url: 'http://127.0.0.1:8080',
      shareOrigin: null,
    })
    expect(publicAddress('localhost', 80, interfaces).shareOrigin).toBeNull()
    expect(publicAddress('::1', 80, interfaces).url).toBe('http://[::1]:80')
  })

  it("uses the machine's first non-internal IPv4 address when bound to every interface", () => {
    const expected = { url: 'http://192.168.1.20:8080', shareOrigin: 'http://192.168.1.20:8080' }
    expect(publicAddress('0.0.0.0', 8080, interfaces)).toEqual(expected)
    expect(publicAddress('::', 8080, interfaces)).toEqual(expected)
  })

  it('falls back to loopback when the machine has no network address', () => {
    expect(publicAddress('0.0.0.0', 8080, { lo: interfaces.lo })).toEqual({
      url: 'http://127.0.0.1:8080',
      shareOrigin: null,
    })
  })

  it('uses a specific address as it is', () => {
    expect(publicAddress('10.0.0.5', 3000, interfaces).shareOrigin).toBe('http://10.0.0.5:3000')
  })
})
