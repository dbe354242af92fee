import type { MapIconName } from '../shapes/mapIcons'
import { ActionTool, PersonTool, PurposeNoteTool, ServiceTool } from './cardTools'
import { RouteTool } from './RouteTool'

/** The service map's tools, registered with the editor (`<Tldraw tools>`); built once, here. */
export const BOARD_TOOLS = [
  ServiceTool,
  PersonTool,
  RouteTool,
  PurposeNoteTool,
  ActionTool,
] as const

/** How one of the service map's tools is offered to people. */
export interface MapToolItem {
  /** The tool's id, which is also the shape type it makes. */
  readonly id: (typeof BOARD_TOOLS)[number]['id']
  /** The word under its icon in the toolbar. */
  readonly label: string
  /** What it does, for its tooltip and screen readers. */
  readonly title: string
  readonly icon: MapIconName
  /**
   * Its keyboard shortcut. Each is a letter tldraw 5.4.2 does not use (checked by
   * mapToolShortcuts.test.tsx against tldraw's own tools and actions), chosen to be easy to
   * remember: S for service, P for person, C to connect two cards, I for an idea or issue note,
   * W for who will do what.
   */
  readonly kbd: string
}

/** The "Service map" group of the toolbar, in order. */
export const MAP_TOOL_ITEMS: readonly MapToolItem[] = [
  { id: 'service', label: 'Service', title: 'Add a service', icon: 'service', kbd: 's' },
  { id: 'person', label: 'Person', title: 'Add someone like me', icon: 'person', kbd: 'p' },
  {
    id: 'route',
    label: 'Route',
    title: 'Draw a route: press on one card and drag to another',
    icon: 'route',
    kbd: 'c',
  },
  {
    id: 'purpose-note',
    label: 'Note',
    title: 'Add a note: a barrier, something that works, an idea or a question',
    icon: 'note',
    kbd: 'i',
  },
  {
    id: 'action',
    label: 'Action',
    title: 'Add an action: what happens next',
    icon: 'action',
    kbd: 'w',
  },
]
