import { createElement } from 'react';
import {
  CalendarCheck,
  FilePen,
  FileSearch,
  HandHeart,
  House,
  IdCard,
  Landmark,
  LayoutGrid,
  PiggyBank,
  Plane,
  Printer,
  ReceiptText,
  ShieldCheck,
  Stethoscope,
  Store,
  type LucideIcon,
} from 'lucide-react';
import type { CatalogService } from '../../../../../common/catalog/schema';

/** The picture of each category of the default catalog; a hall's own categories get the hall's. */
const CATEGORY_ICONS: Record<string, LucideIcon> = {
  'social-security': ShieldCheck,
  'medical-insurance': Stethoscope,
  'housing-fund': PiggyBank,
  'real-estate': House,
  business: Store,
  tax: ReceiptText,
  'entry-exit': Plane,
  household: IdCard,
  'civil-affairs': HandHeart,
  certificates: Printer,
};

/** What a tile shows besides its words: what the service does where that says more than its category. */
const KIND_ICONS: Partial<Record<CatalogService['kind'], LucideIcon>> = {
  query: FileSearch,
  document: Printer,
  form: FilePen,
};

export const ICON_SIZE = 64;
const ICON_PROPS = { className: 'tile-icon', size: ICON_SIZE, strokeWidth: 2, 'aria-hidden': true } as const;

export function categoryIcon(category: string): LucideIcon {
  return CATEGORY_ICONS[category] ?? Landmark;
}

/** A category's picture (lucide's line icons: drawn inline, no font or remote image needed). */
export function CategoryIcon({ category }: { category: string }) {
  return createElement(categoryIcon(category), ICON_PROPS);
}

export function ServiceIcon({ service }: { service: Pick<CatalogService, 'kind' | 'category'> }) {
  return createElement(KIND_ICONS[service.kind] ?? categoryIcon(service.category), ICON_PROPS);
}

/** The tiles that are not a service: all categories, the appointment check-in. */
export function MoreIcon() {
  return <LayoutGrid {...ICON_PROPS} />;
}

export function AppointmentIcon() {
  return <CalendarCheck {...ICON_PROPS} />;
}
