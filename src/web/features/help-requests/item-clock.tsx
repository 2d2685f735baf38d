import { useEffect, useState } from 'react';
import { Tag } from 'antd';
import { useTranslation } from 'react-i18next';
import type { DeskItem } from '../../api/desk.api.ts';

/** The current time, renewed every `ms`; for live clocks. */
export function useNow(ms = 1_000): number {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    const timer = window.setInterval(() => {
      setNow(Date.now());
    }, ms);
    return () => {
      window.clearInterval(timer);
    };
  }, [ms]);
  return now;
}

/** "1:05:09" / "4:09" for a duration in seconds (absolute value). */
export function formatDuration(seconds: number): string {
  const s = Math.abs(Math.trunc(seconds));
  const h = Math.floor(s / 3600);
  const m = Math.floor((s % 3600) / 60);
  const rest = String(s % 60).padStart(2, '0');
  return h > 0 ? `${String(h)}:${String(m).padStart(2, '0')}:${rest}` : `${String(m)}:${rest}`;
}

/** Which clock runs on an open item (WORK-4): the response clock first, then the resolution. */
export function runningClock(
  item: Pick<DeskItem, 'respondBy' | 'resolveBy'>,
): { kind: 'respond' | 'resolve'; due: string } | null {
  if (item.respondBy !== null) return { kind: 'respond', due: item.respondBy };
  if (item.resolveBy !== null) return { kind: 'resolve', due: item.resolveBy };
  return null;
}

/** WORK-4 时间管理: the live clock of an open item, red once its target is missed. */
export function ItemClock({ item, now }: { item: DeskItem; now: number }) {
  const { t } = useTranslation();
  const clock = runningClock(item);
  if (clock === null) return null;
  const left = Math.floor((new Date(clock.due).getTime() - now) / 1000);
  const overdue = left < 0;
  const text = t(overdue ? `desk.clock.${clock.kind}Overdue` : `desk.clock.${clock.kind}Left`, {
    time: formatDuration(left),
  });
  return (
    <Tag color={overdue ? 'red' : left < 300 ? 'orange' : 'blue'} role="timer" aria-label={text}>
      {text}
    </Tag>
  );
}
