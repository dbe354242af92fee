import * as encoding from 'lib0/encoding'
import { messageYjsSyncStep2 } from 'y-protocols/sync'
import { MessageType } from '../../server/room/wireMessages'
import { PROTOCOL_VERSION, WS_PATH, WS_QUERY } from '../../shared/protocol'
import { COMMONMAP_SCHEMA_FINGERPRINT } from '../../shared/commonmapSchemaFingerprint'
import { SERVERS, type ServerProcess } from './serverProcess'

/**
 * The query a Commonmap client adds to its socket URL. The reference server ignores it, and
 * takes everything after the first slash as the room name, so one URL serves both servers.
 */
const CLIENT_PARAMS = {
  [WS_QUERY.protocolVersion]: String(PROTOCOL_VERSION),
  [WS_QUERY.schemaFingerprint]: COMMONMAP_SCHEMA_FINGERPRINT,
}

/** The query of a y-websocket client with `token` (Commonmap's participant token, if any). */
export function clientParams(token: string | undefined): Record<string, string> {
  return { ...CLIENT_PARAMS, ...(token && { [WS_QUERY.token]: token }) }
}

/** Where a y-websocket client of the server at `serverUrl` (http://…) opens its rooms. */
export function yWebsocketBase(serverUrl: string): string {
  return serverUrl.replace(/^http/, 'ws') + WS_PATH
}

/** How a client reaches one room of a server, at the level of frames. */
export interface RoomLink {
  /** The socket URL. */
  readonly url: string
  /**
   * What every frame about this room starts with: nothing on y-websocket, where the socket is
   * the room's; the document name on Hocuspocus, where one socket can carry several documents.
   */
  readonly prefix: Uint8Array
  /** Frames a client sends as soon as the socket opens, before its sync step 1. */
  readonly hello: readonly Uint8Array[]
}

/** Hocuspocus's sub-type of an Auth message that carries the client's token (`@hocuspocus/common`). */
const AUTH_TOKEN = 0

/** How a client with `token` (Commonmap's participant token, if any) reaches `room` on `server`. */
export function roomLink(
  server: Pick<ServerProcess, 'kind' | 'url'>,
  room: string,
  token?: string,
): RoomLink {
  switch (SERVERS[server.kind].protocol) {
    case 'y-websocket': {
      const url = `${yWebsocketBase(server.url)}/${room}?${new URLSearchParams(clientParams(token))}`
      return { url, prefix: new Uint8Array(), hello: [] }
    }
    case 'hocuspocus': {
      const prefix = documentName(room)
      return {
        url: server.url.replace(/^http/, 'ws'),
        prefix,
        hello: [framed(prefix, hocuspocusToken(token ?? ''))],
      }
    }
  }
}

/** `message` (a y-websocket message) as a frame about the room whose frames start with `prefix`. */
export function framed(prefix: Uint8Array, message: Uint8Array): Uint8Array {
  if (prefix.byteLength === 0) return message
  const frame = new Uint8Array(prefix.byteLength + message.byteLength)
  frame.set(prefix)
  frame.set(message, prefix.byteLength)
  return frame
}

/** True when `frame`, after `prefixLength` bytes, is a sync step 2: the answer to joining. */
export function isSyncStep2(frame: Uint8Array, prefixLength: number): boolean {
  return frame[prefixLength] === MessageType.sync && frame[prefixLength + 1] === messageYjsSyncStep2
}

/** The document name as Hocuspocus reads it first from every frame: a varString. */
function documentName(room: string): Uint8Array {
  const encoder = encoding.createEncoder()
  encoding.writeVarString(encoder, room)
  return encoding.toUint8Array(encoder)
}

/**
 * Hocuspocus's authentication message without its document name: the server queues everything
 * else a client sends about a document until this has passed its `onAuthenticate` hooks.
 */
function hocuspocusToken(token: string): Uint8Array {
  const encoder = encoding.createEncoder()
  encoding.writeVarUint(encoder, MessageType.auth)
  encoding.writeVarUint(encoder, AUTH_TOKEN)
  encoding.writeVarString(encoder, token)
  return encoding.toUint8Array(encoder)
}
