import type { ReactNode } from 'react';

/** The row of a screen's or dialog's buttons (back and go on); `spread`: pushed to the two ends. */
export function ActionBar({ children, spread = false }: { children: ReactNode; spread?: boolean }) {
  return <div className={spread ? 'action-bar spread' : 'action-bar'}>{children}</div>;
}
