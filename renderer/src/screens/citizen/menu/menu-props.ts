import type { CatalogService } from '../../../../../common/catalog/schema';

/** What the service menu (standard or 长辈版) is given by the app. */
export interface ServiceMenuProps {
  onHome: () => void;
  onService: (service: CatalogService) => void;
  /** ⓘ: the service's 办事指南. */
  onGuide?: (service: CatalogService) => void;
  /** A citizen identified (card, face): "需身份证" is no longer said. */
  identified?: boolean;
  /** 预约签到 by the citizen's card (a scanned QR starts it from anywhere). */
  onAppointment?: () => void;
}
