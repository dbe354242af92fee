/**
 * Fingerprint (`schemaFingerprint`, shared/protocol.ts) of `commonmapSchema`, written out so
 * that the phone lane can connect and check a board's schema without loading tldraw's schema
 * code, most of its JavaScript. shared/schema.ts refuses to load when the two differ, so the
 * server, the canvas and the tests all stop until this is updated after a schema change.
 */
export const COMMONMAP_SCHEMA_FINGERPRINT = '1lm72ls'
