import type { ReactNode } from 'react';

/** 长辈版: a large tile that is not a service (预约签到, 更多事项, a category): a picture, a name, a hint. */
export function LargeTile(props: { testId: string; icon: ReactNode; name: string; hint: string; className?: string; onClick: () => void }) {
  return (
    <li className="service-tile large">
      <button type="button" className={props.className ? `service ${props.className}` : 'service'} data-testid={props.testId} onClick={props.onClick}>
        {props.icon}
        <span className="service-name">{props.name}</span>
        <span className="tile-hint">{props.hint}</span>
      </button>
    </li>
  );
}
