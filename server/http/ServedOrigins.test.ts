import { describe, expect, it } from 'vitest'
import { ServedOrigins } from './ServedOrigins'

const interfaces = () => ({
  lo: [{ address: '127.0.0.1', family: 'IPv4', internal: true }],
  eth0: [
    { address: '192.168.1.20', family: 'IPv4', internal: false },
    { address: 'fe80::1', family: 'IPv6', internal: false },
  ],
})

describe('ServedOrigins', () => {
  it('serves the loopback names and the address it listens on, at its port', () => {
    const origins = new ServedOrigins({ host: '127.0.0.1', port: 8080, extra: [] })
    expect(origins.has('http://127.0.0.1:8080')).toBe(true)
    expect(origins.has('http://localhost:8080')).toBe(true)
    expect(origins.has('http://[::1]:8080')).toBe(true)
    expect(origins.has('http://localhost:5173')).toBe(false)
    expect(origins.has('https://evil.example')).toBe(false)
    expect(origins.has('null')).toBe(false)
  })

  it('on every interface, serves each address this computer has', () => {
    const origins = new ServedOrigins({
      host: '0.0.0.0',
      port: 8080,
      extra: [],
      interfaces: interfaces as never,
    })
    expect(origins.has('http://192.168.1.20:8080')).toBe(true)
    expect(origins.has('http://[fe80::1]:8080')).toBe(true)
    expect(origins.has('http://192.168.1.21:8080')).toBe(false)
  })

  it('serves the origins a reverse proxy gives it', () => {
    const origins = new ServedOrigins({
      host: '127.0.0.1',
      port: 8080,
      extra: ['https://map.example.org'],
    })
    expect(origins.has('https://map.example.org')).toBe(true)
    expect(origins.has('http://map.example.org')).toBe(false)
  })
})
