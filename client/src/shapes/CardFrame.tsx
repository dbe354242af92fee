import type { CSSProperties } from 'react'
import { HTMLContainer, stopEventPropagation, useIsEditing, type TLShapeId } from 'tldraw'
import { MAX_LONG_TEXT } from '../../../shared/shapes/boundedText'
import { CARD_LAYOUT, type CardContent } from './CardContent'
import { MapIcon } from './MapIcon'
import { patternBackground } from './mapStyles'
import { useFocusWhileEditing } from './useFocusWhileEditing'

/**
 * A card on the canvas, as real HTML: large text that wraps, an icon, a label and (for services)
 * a pattern in its header. While the card is being edited in place (double-click or Enter) its
 * main text becomes a text box; Escape or a click elsewhere ends editing.
 */
export function CardFrame({
  shapeId,
  w,
  h,
  content,
  onTitleChange,
}: {
  shapeId: TLShapeId
  w: number
  h: number
  content: CardContent
  onTitleChange: (title: string) => void
}) {
  const isEditing = useIsEditing(shapeId)
  const titleBox = useFocusWhileEditing<HTMLTextAreaElement>(isEditing)
  const { palette, pattern } = content
  const style = {
    width: w,
    height: h,
    pointerEvents: isEditing ? 'all' : 'none',
    '--map-ink': palette.ink,
    '--map-fill': palette.fill,
    '--map-band': `${CARD_LAYOUT.band}px`,
  } as CSSProperties
  return (
    <HTMLContainer
      className={`map-card${content.tinted ? ' map-card--tinted' : ''}`}
      style={style}
      data-testid="map-card"
    >
      <div
        className="map-card__band"
        style={pattern ? { backgroundImage: patternBackground(pattern, palette.ink) } : undefined}
      >
        <MapIcon name={content.icon} size={CARD_LAYOUT.iconSize} color={palette.ink} />
        <span className="map-card__eyebrow">{content.eyebrow}</span>
      </div>
      <div className="map-card__body">
        {isEditing ? (
          <textarea
            ref={titleBox}
            className="map-card__title map-card__input"
            aria-label={content.titleLabel}
            value={content.title}
            maxLength={MAX_LONG_TEXT}
            placeholder={content.titleLabel}
            onChange={(event) => onTitleChange(event.currentTarget.value)}
            onPointerDown={stopEventPropagation}
          />
        ) : (
          <p className={`map-card__title${content.title.trim() ? '' : ' map-card__placeholder'}`}>
            {content.title.trim() || content.placeholder}
          </p>
        )}
        {content.details.map(
          (detail, index) =>
            detail.text && (
              <p key={index} className="map-card__detail">
                {detail.icon && <MapIcon name={detail.icon} size={18} color={palette.ink} />}
                {detail.label && <span className="map-card__label">{detail.label}: </span>}
                {detail.text}
              </p>
            ),
        )}
      </div>
    </HTMLContainer>
  )
}
