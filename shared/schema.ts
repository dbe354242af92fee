import type { SerializedSchemaV2 } from '@tldraw/store'
import { createTLSchema, defaultBindingSchemas, defaultShapeSchemas } from '@tldraw/tlschema'
import { T } from '@tldraw/validate'
import { mapBindingSchemas, mapShapeSchemas } from './mapShapes'
import { schemaFingerprint } from './protocol'

/**
 * The tldraw schema every Commonmap client and the server share: tldraw's own record types and
 * shapes, plus the service map's shapes and bindings (shared/mapShapes.ts), with their
 * validators and migrations. The server uses it to write a new board's first records and to
 * refuse clients built against a different schema.
 */
export const commonmapSchema = createTLSchema({
  shapes: { ...defaultShapeSchemas, ...mapShapeSchemas },
  bindings: { ...defaultBindingSchemas, ...mapBindingSchemas },
})

/** Fingerprint of {@link commonmapSchema}; clients send it when they connect. */
export const COMMONMAP_SCHEMA_FINGERPRINT = schemaFingerprint(commonmapSchema.serialize())

/** Validates a serialized tldraw schema, as the server states a board's (shared/serverState.ts). */
export const serializedSchemaValidator: T.Validator<SerializedSchemaV2> = T.object({
  schemaVersion: T.literal(2),
  sequences: T.dict(T.string, T.integer),
}) as T.Validator<SerializedSchemaV2>
