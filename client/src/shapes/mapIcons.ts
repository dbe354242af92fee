/**
 * The service map's icons: line drawings on a 24×24 grid, drawn with a 2-unit round stroke and
 * no fill. Each is one SVG path, so the canvas, the toolbar, the legend and SVG/PNG export all
 * draw exactly the same thing from the same data, and nothing is fetched from anywhere.
 */
export const MAP_ICON_PATHS = {
  health: 'M9 3h6v6h6v6h-6v6H9v-6H3V9h6z',
  'mental-health':
    'M9 21v-3H7a2 2 0 0 1-2-2v-3l-2-1 2-3.5A7 7 0 0 1 19 9c0 2.6-1.2 4.4-3 5.6V21M11.5 11.5l1.5 1.5 1.5-1.5a1.1 1.1 0 0 0-1.5-1.6 1.1 1.1 0 0 0-1.5 1.6z',
  housing: 'M3 11l9-7 9 7M5 9.5V20h14V9.5M10 20v-6h4v6',
  money:
    'M12 3a9 9 0 1 0 0 18 9 9 0 1 0 0-18M14.5 8.5a2.5 2.5 0 0 0-4.5 1.5v6.5M8.5 12.5h4.5M8.5 16.5h7',
  'drugs-alcohol': 'M10 3h4M10.5 3v5L8 11.5V21h8v-9.5L13.5 8V3M8 15h8',
  justice:
    'M12 4v16M8 20h8M5 7h14M12 4l-7 3M12 4l7 3M5 7l-3 6a3 3 0 0 0 6 0zM19 7l-3 6a3 3 0 0 0 6 0z',
  community:
    'M9 11a3 3 0 1 0 0-6 3 3 0 1 0 0 6M3 20v-1a6 6 0 0 1 12 0v1M16 5.2a3 3 0 0 1 0 5.6M17.5 14a5 5 0 0 1 3.5 5v1',
  other: 'M12 3a9 9 0 1 0 0 18 9 9 0 1 0 0-18M8 12h.01M12 12h.01M16 12h.01',
  person: 'M12 11a4 4 0 1 0 0-8 4 4 0 1 0 0 8M4 21v-1a8 8 0 0 1 16 0v1',
  barrier: 'M12 3a9 9 0 1 0 0 18 9 9 0 1 0 0-18M7 12h10',
  'what-works':
    'M7 10v11H3V10zM7 10l4-7c1.4 0 2.5 1.2 2.3 2.6L12.7 9H19a2 2 0 0 1 2 2.3l-1.3 7.5A2.5 2.5 0 0 1 17.2 21H7',
  idea: 'M9 18h6M10 21h4M12 3a6 6 0 0 0-3.6 10.8c.6.5.9 1.2.9 2V16h5.4v-.2c0-.8.3-1.5.9-2A6 6 0 0 0 12 3',
  question:
    'M12 3a9 9 0 1 0 0 18 9 9 0 1 0 0-18M9.2 9.5a2.9 2.9 0 1 1 4.1 2.6c-.8.4-1.3 1-1.3 1.9v.5M12 17.5h.01',
  action: 'M4 12h15M13 6l6 6-6 6',
  'not-started': 'M12 3a9 9 0 1 0 0 18 9 9 0 1 0 0-18',
  'in-progress': 'M12 3a9 9 0 1 0 0 18 9 9 0 1 0 0-18M12 7v5l3.5 2',
  done: 'M12 3a9 9 0 1 0 0 18 9 9 0 1 0 0-18M7.5 12.5l3 3 6-6.5',
  route: 'M3 4h6v6H3zM15 14h6v6h-6zM9 7h3.5a2 2 0 0 1 2 2v5M12 11.5l2.5 2.5 2.5-2.5',
  service: 'M3 5h18v14H3zM3 9h18M7 13h10M7 16h6',
  note: 'M4 4h16v11l-5 5H4zM15 20v-5h5',
} as const

/** The name of one of the map's icons. */
export type MapIconName = keyof typeof MAP_ICON_PATHS
