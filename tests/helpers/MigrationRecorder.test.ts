import {
  createShapePropsMigrationIds,
  createShapePropsMigrationSequence,
  createTLSchema,
  defaultShapeSchemas,
} from '@tldraw/tlschema'
import { T } from '@tldraw/validate'
import { describe, expect, it } from 'vitest'
import { MigrationRecorder } from './MigrationRecorder'

/** A schema with one made-up shape at version 2: the first step has a down, the second not. */
function schemaWithTwoVersions() {
  const versions = createShapePropsMigrationIds('sign', { AddColour: 1, RenameText: 2 })
  const schema = createTLSchema({
    shapes: {
      ...defaultShapeSchemas,
      sign: {
        props: { label: T.string, colour: T.string },
        migrations: createShapePropsMigrationSequence({
          sequence: [
            {
              id: versions.AddColour,
              up: (props) => {
                props.colour = 'red'
              },
              down: (props) => {
                delete props.colour
              },
            },
            {
              id: versions.RenameText,
              up: (props) => {
                props.label = props.text
                delete props.text
              },
            },
          ],
        }),
      },
    },
  })
  return { schema, versions, recorder: new MigrationRecorder(schema, ['com.tldraw.shape.sign']) }
}

describe('MigrationRecorder', () => {
  it('lists each migration step until a test runs it, so the meta-test fails for an untested version', () => {
    const { recorder, versions } = schemaWithTwoVersions()
    expect(recorder.untested()).toEqual([
      `${versions.AddColour} up`,
      `${versions.AddColour} down`,
      `${versions.RenameText} up`,
    ])

    const sign = { id: 'shape:s', typeName: 'shape', type: 'sign', props: { text: 'Exit' } }
    expect(recorder.up(versions.AddColour, sign)).toEqual({
      ...sign,
      props: { text: 'Exit', colour: 'red' },
    })
    expect(recorder.untested()).toEqual([`${versions.AddColour} down`, `${versions.RenameText} up`])
  })

  it('leaves the record it was given untouched', () => {
    const { recorder, versions } = schemaWithTwoVersions()
    const sign = { id: 'shape:s', typeName: 'shape', type: 'sign', props: { text: 'Exit' } }
    recorder.up(versions.RenameText, sign)
    expect(sign.props).toEqual({ text: 'Exit' })
    expect(Object.isFrozen(sign.props)).toBe(true)
  })

  it('knows versions and refuses steps that do not exist', () => {
    const { recorder, versions } = schemaWithTwoVersions()
    expect(recorder.currentVersion('com.tldraw.shape.sign')).toBe(2)
    expect(recorder.schemaAt('com.tldraw.shape.sign', 0).sequences).toMatchObject({
      'com.tldraw.shape.sign': 0,
    })
    expect(() => recorder.down(versions.RenameText, { id: 'x', typeName: 'shape' })).toThrow(
      /no down/,
    )
    expect(() => recorder.up('com.tldraw.shape.geo/1', { id: 'x', typeName: 'shape' })).toThrow(
      /No migration/,
    )
  })
})
