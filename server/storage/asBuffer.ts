/**
 * Database drivers (better-sqlite3, node-postgres) bind Buffers, not plain Uint8Arrays; this is
 * a view of the same bytes, not a copy.
 */
export function asBuffer(bytes: Uint8Array): Buffer {
  return Buffer.isBuffer(bytes)
    ? bytes
    : Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength)
}
