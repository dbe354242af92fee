import { createTLSchema } from '@tldraw/tlschema'
import { schemaFingerprint } from './protocol'

/**
 * The tldraw schema every Commonmap client and the server share: record types, shape props,
 * their validators and migrations. The server uses it to write a new board's first records and
 * to refuse clients built against a different schema.
 */
export const commonmapSchema = createTLSchema()

/** Fingerprint of {@link commonmapSchema}; clients send it when they connect. */
export const COMMONMAP_SCHEMA_FINGERPRINT = schemaFingerprint(commonmapSchema.serialize())
