import { defineChoices } from './defineChoices'

/**
 * What a new board starts with. The ids are part of the HTTP API (`POST /api/boards`); the
 * labels and descriptions are what the start page offers.
 */
export const BoardTemplates = defineChoices(['blank', 'co-design'], {
  blank: {
    label: 'Blank',
    description: 'An empty board. Good when you already know how you want to work.',
  },
  'co-design': {
    label: 'Co-design session',
    description:
      'A board laid out for a workshop: why we are here, how we work together, what we can and can’t change, the map, what gets in the way, ideas and what happens next.',
  },
})

/** One of the ids in {@link BoardTemplates}. */
export type BoardTemplateId = (typeof BoardTemplates.ids)[number]
