import { useEffect, useState } from 'react';

/**
 * The time to render with. While `ticking` (a countdown is on screen), the component renders again
 * every `everyMs`; otherwise only when something else changes, and the time is read afresh then.
 */
export function useNow(ticking: boolean, everyMs = 1000): number {
  const [, setTick] = useState(0);
  useEffect(() => {
    if (!ticking) return;
    const timer = setInterval(() => setTick((tick) => tick + 1), everyMs);
    return () => clearInterval(timer);
  }, [ticking, everyMs]);
  return Date.now();
}
