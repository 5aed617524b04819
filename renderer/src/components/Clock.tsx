import { useEffect, useState } from 'react';
import { useHallTimeZone, useLanguage } from '../kiosk/kiosk-context';
import { formatInHall, hallTime } from '../../../common/time/hall-clock';

/** The hall clock on screen: the same zone as the printed slips (`terminal.timeZone`), not the machine's. */
export function Clock() {
  const language = useLanguage();
  const timeZone = useHallTimeZone();
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    const timer = window.setInterval(() => setNow(Date.now()), 1000);
    return () => window.clearInterval(timer);
  }, []);
  const date = formatInHall(now, timeZone, language, { year: 'numeric', month: 'long', day: 'numeric', weekday: 'long' });
  const time = hallTime(now, timeZone);
  return (
    <div className="clock" data-testid="clock">
      <span className="clock-time">{time}</span>
      <span className="clock-date">{date}</span>
    </div>
  );
}
