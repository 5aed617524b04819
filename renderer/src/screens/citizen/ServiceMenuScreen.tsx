import { useKiosk } from '../../kiosk/kiosk-context';
import { useSpokenPrompt, useSpokenSentences } from '../../voice/spoken-prompts';
import { ElderServiceMenu } from './menu/ElderServiceMenu';
import type { ServiceMenuProps } from './menu/menu-props';
import { StandardServiceMenu } from './menu/StandardServiceMenu';
import { useMenuData } from './menu/use-menu-data';

/**
 * 请选择办理事项. The standard menu: 常用 and a tab per category, many tiles a row. 长辈版: its own
 * layout of a few large tiles with pictures, the most used first, categories one tap away.
 */
export function ServiceMenuScreen(props: ServiceMenuProps) {
  const { elderMode } = useKiosk();
  const data = useMenuData();
  const spoken = useSpokenSentences();
  useSpokenPrompt(data.ticketsUnavailable ? [data.ticketsUnavailable, spoken.chooseService] : spoken.chooseService);
  return elderMode ? <ElderServiceMenu {...props} data={data} /> : <StandardServiceMenu {...props} data={data} />;
}
