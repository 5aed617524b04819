import { Info } from 'lucide-react';
import { useTranslation } from 'react-i18next';
import type { CatalogService } from '../../../../../common/catalog/schema';
import type { Language } from '../../../../../common/i18n/languages';
import { ServiceIcon } from './ServiceIcon';
import type { ServiceHit } from './service-search';

/** A name with the characters a search hit marked. */
function HighlightedName({ name, highlight }: { name: string; highlight: readonly number[] }) {
  if (highlight.length === 0) return <>{name}</>;
  const marked = new Set(highlight);
  return (
    <>
      {Array.from(name, (ch, i) =>
        marked.has(i) ? (
          <mark key={i} className="search-hit">
            {ch}
          </mark>
        ) : (
          ch
        ),
      )}
    </>
  );
}

/**
 * One service on the menu: the tile that starts it, and its ⓘ that opens the guide. `large`
 * (长辈版): a picture on the tile and the guide button says 指南 in words.
 */
export function ServiceTile(props: {
  service: CatalogService;
  language: Language;
  highlight?: readonly number[];
  /** "需身份证" is said only while no citizen is identified. */
  showIdentityBadge: boolean;
  disabled: boolean;
  onChoose: () => void;
  /** Absent: no ⓘ. */
  onGuide?: () => void;
  large?: boolean;
}) {
  const { service: s, language, large = false } = props;
  const { t } = useTranslation();
  const name = s.name[language];
  return (
    <li className={large ? 'service-tile large' : 'service-tile'}>
      <button type="button" className="service" data-testid={`service-${s.code}`} disabled={props.disabled} onClick={props.onChoose}>
        {large && <ServiceIcon service={s} />}
        <span className="service-name">
          <HighlightedName name={name} highlight={props.highlight ?? []} />
        </span>
        {props.showIdentityBadge && s.requiresIdentity && (
          <span className="service-tag" data-testid={`service-badge-${s.code}`}>
            {t('menu.identityRequired')}
          </span>
        )}
      </button>
      {s.guide && props.onGuide && (
        <button type="button" className="service-info" data-testid={`service-guide-${s.code}`} aria-label={t('menu.guide', { name })} onClick={props.onGuide}>
          {large ? (
            <>
              <Info size={36} strokeWidth={2.5} aria-hidden="true" />
              <span>{t('menu.guideShort')}</span>
            </>
          ) : (
            'ⓘ'
          )}
        </button>
      )}
    </li>
  );
}

/** What the tiles of one menu share. */
export interface MenuTileContext {
  language: Language;
  identified: boolean;
  /** Tickets cannot be taken now: ticket tiles are disabled. */
  ticketsOff: boolean;
  onService: (service: CatalogService) => void;
  onGuide?: (service: CatalogService) => void;
  large?: boolean;
}

/** A search hit's (or a listed service's) tile on a menu. */
export function menuTile({ service: s, highlight }: ServiceHit, c: MenuTileContext) {
  return (
    <ServiceTile
      key={s.code}
      large={c.large}
      service={s}
      language={c.language}
      highlight={highlight}
      showIdentityBadge={!c.identified}
      disabled={s.kind === 'ticket' && c.ticketsOff}
      onChoose={() => c.onService(s)}
      onGuide={c.onGuide && (() => c.onGuide!(s))}
    />
  );
}
