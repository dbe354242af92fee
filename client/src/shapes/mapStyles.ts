import type { ActionStatus } from '../../../shared/shapes/actionShape'
import type { NotePurpose } from '../../../shared/shapes/purposeNoteShape'
import type { RouteKind } from '../../../shared/shapes/routeShape'
import type { ServiceKind } from '../../../shared/shapes/serviceShape'
import type { MapIconName } from './mapIcons'

/**
 * The service map's visual vocabulary, in one place so the canvas, SVG/PNG export, the toolbar
 * and the legend cannot drift apart. Every distinction is made in at least two ways besides
 * colour: service kinds by icon, pattern and label; note purposes by icon and label; route kinds
 * by line style and label; action statuses by icon and word. Inks are dark enough for text on
 * white (WCAG AA), fills light enough for dark text.
 */

/** A light fill for backgrounds and a dark ink for borders, icons and patterns. */
export interface Palette {
  readonly fill: string
  readonly ink: string
}

/** A repeating tile, drawn with the ink over the fill. */
export interface PatternTile {
  readonly size: number
  readonly d: string
}

/** The patterns that tell service kinds apart where colour cannot (print, colour blindness). */
export const PATTERN_TILES = {
  crosses: { size: 14, d: 'M7 4v6M4 7h6' },
  dots: { size: 10, d: 'M5 5h.01' },
  horizontal: { size: 8, d: 'M0 4h8' },
  diagonal: { size: 10, d: 'M-1 11l12-12M-1 1l2-2M9 11l2-2' },
  vertical: { size: 8, d: 'M4 0v8' },
  crosshatch: { size: 10, d: 'M0 0l10 10M10 0L0 10' },
  waves: { size: 16, d: 'M0 8q4-5 8 0t8 0' },
  grid: { size: 10, d: 'M0 .5h10M.5 0v10' },
} as const satisfies Record<string, PatternTile>

/** How pattern tiles are stroked, on the canvas and in export alike. */
export const PATTERN_STROKE = { width: 2, opacity: 0.45 } as const

/** One of the {@link PATTERN_TILES}. */
export type PatternName = keyof typeof PATTERN_TILES

/** How a kind of service looks. */
export interface ServiceKindStyle extends Palette {
  readonly icon: MapIconName
  readonly pattern: PatternName
}

export const SERVICE_KIND_STYLES: Record<ServiceKind, ServiceKindStyle> = {
  health: { fill: '#dbeafe', ink: '#1d4ed8', icon: 'health', pattern: 'crosses' },
  'mental-health': { fill: '#ede9fe', ink: '#6d28d9', icon: 'mental-health', pattern: 'dots' },
  housing: { fill: '#ffedd5', ink: '#b13a08', icon: 'housing', pattern: 'horizontal' },
  money: { fill: '#dcfce7', ink: '#15703a', icon: 'money', pattern: 'diagonal' },
  'drugs-alcohol': { fill: '#fce7f3', ink: '#b0185a', icon: 'drugs-alcohol', pattern: 'vertical' },
  justice: { fill: '#e5e7eb', ink: '#374151', icon: 'justice', pattern: 'crosshatch' },
  community: { fill: '#fef9c3', ink: '#8a5207', icon: 'community', pattern: 'waves' },
  other: { fill: '#dff3f1', ink: '#0f6b64', icon: 'other', pattern: 'grid' },
}

/** How a "someone like me" card looks. */
export const PERSON_STYLE: Palette & { readonly icon: MapIconName } = {
  fill: '#f1f5f9',
  ink: '#334155',
  icon: 'person',
}

/** How each kind of note looks. */
export const NOTE_PURPOSE_STYLES: Record<NotePurpose, Palette & { readonly icon: MapIconName }> = {
  barrier: { fill: '#fee2e2', ink: '#b91c1c', icon: 'barrier' },
  'what-works': { fill: '#dcfce7', ink: '#15703a', icon: 'what-works' },
  idea: { fill: '#fef3c7', ink: '#9a4a06', icon: 'idea' },
  question: { fill: '#e0f2fe', ink: '#03689e', icon: 'question' },
}

/** How an action card looks. */
export const ACTION_STYLE: Palette & { readonly icon: MapIconName } = {
  fill: '#eef2ff',
  ink: '#3730a3',
  icon: 'action',
}

/** The icon shown beside each action status's word. */
export const ACTION_STATUS_ICONS: Record<ActionStatus, MapIconName> = {
  'not-started': 'not-started',
  'in-progress': 'in-progress',
  done: 'done',
}

/** How a kind of route is drawn. */
export interface RouteStyle {
  readonly ink: string
  /** SVG stroke-dasharray, in page units; none for a solid line. */
  readonly dash?: string
  /** Drawn as two parallel lines. */
  readonly double: boolean
  /** Drawn as a zigzag rather than a straight line. */
  readonly zigzag: boolean
  /** A gap in the middle of the line, where the label sits. */
  readonly broken: boolean
  readonly arrowStart: boolean
  readonly arrowEnd: boolean
}

const ROUTE_INK = '#1f2937'

export const ROUTE_STYLES: Record<RouteKind, RouteStyle> = {
  referral: {
    ink: ROUTE_INK,
    double: false,
    zigzag: false,
    broken: false,
    arrowStart: false,
    arrowEnd: true,
  },
  'self-referral': {
    ink: ROUTE_INK,
    dash: '14 10',
    double: false,
    zigzag: false,
    broken: false,
    arrowStart: false,
    arrowEnd: true,
  },
  'hand-over': {
    ink: ROUTE_INK,
    double: true,
    zigzag: false,
    broken: false,
    arrowStart: false,
    arrowEnd: true,
  },
  'bounced-back': {
    ink: ROUTE_INK,
    double: false,
    zigzag: true,
    broken: false,
    arrowStart: true,
    arrowEnd: true,
  },
  gap: {
    ink: '#b91c1c',
    dash: '1 11',
    double: false,
    zigzag: false,
    broken: true,
    arrowStart: false,
    arrowEnd: false,
  },
}

/**
 * A pattern tile as a CSS background (a data: URL, which the Content-Security-Policy allows),
 * for the HTML cards on the canvas and in the legend.
 */
export function patternBackground(pattern: PatternName, ink: string): string {
  const { size, d } = PATTERN_TILES[pattern]
  const svg =
    `<svg xmlns="http://www.w3.org/2000/svg" width="${size}" height="${size}">` +
    `<path d="${d}" stroke="${ink}" stroke-width="${PATTERN_STROKE.width}" stroke-linecap="round" fill="none" opacity="${PATTERN_STROKE.opacity}"/></svg>`
  return `url("data:image/svg+xml,${encodeURIComponent(svg)}")`
}
