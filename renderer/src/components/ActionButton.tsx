import type { ReactNode } from 'react';

/**
 * A primary (the way on) or secondary (back, other choices) button. While `busy` it is disabled
 * and says `busyLabel` (an answer from the core is awaited).
 */
export function ActionButton(props: {
  kind: 'primary' | 'secondary';
  testId?: string;
  onClick: () => void;
  disabled?: boolean;
  busy?: boolean;
  busyLabel?: ReactNode;
  className?: string;
  children: ReactNode;
}) {
  const { kind, busy = false } = props;
  return (
    <button
      type="button"
      className={props.className ? `${kind} ${props.className}` : kind}
      data-testid={props.testId}
      disabled={(props.disabled ?? false) || busy}
      onClick={props.onClick}
    >
      {busy && props.busyLabel !== undefined ? props.busyLabel : props.children}
    </button>
  );
}
