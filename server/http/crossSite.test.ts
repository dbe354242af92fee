import type { IncomingMessage } from 'node:http'
import { describe, expect, it } from 'vitest'
import { refuseCrossSite } from './crossSite'
import { ServedOrigins } from './ServedOrigins'

const origins = new ServedOrigins({ host: '127.0.0.1', port: 8080, extra: [] })
const request = (headers: Record<string, string>) => ({ headers }) as IncomingMessage

describe('refuseCrossSite', () => {
  it('lets the app’s own JSON requests through, and scripts that send no Origin', () => {
    const json = { 'content-type': 'application/json; charset=utf-8' }
    expect(
      refuseCrossSite(request({ ...json, origin: 'http://localhost:8080' }), 'json', origins),
    ).toBeUndefined()
    expect(refuseCrossSite(request(json), 'json', origins)).toBeUndefined()
  })

  it('refuses a text/plain "simple" request, as any website could send it', () => {
    expect(refuseCrossSite(request({ 'content-type': 'text/plain' }), 'json', origins)).toEqual({
      status: 415,
      message: 'This request must be sent as application/json.',
    })
  })

  it('refuses a request from another website, whatever its Content-Type', () => {
    const headers = { 'content-type': 'application/json', origin: 'https://evil.example' }
    expect(refuseCrossSite(request(headers), 'json', origins)).toMatchObject({ status: 403 })
  })

  it('takes pictures as bytes or as their own type, and board files as bytes', () => {
    const picture = { 'content-type': 'image/png' }
    expect(refuseCrossSite(request(picture), 'picture', origins)).toBeUndefined()
    expect(refuseCrossSite(request(picture), 'board-file', origins)).toMatchObject({ status: 415 })
    const form = { 'content-type': 'multipart/form-data; boundary=x' }
    expect(refuseCrossSite(request(form), 'picture', origins)).toMatchObject({ status: 415 })
  })
})
