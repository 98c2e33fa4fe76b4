import { useEffect, useState } from 'react';

const KEY = 'holdspace.vibrateForSignals';

/** This device's choice (off unless turned on here): vibrate when a signal comes in. */
const vibrationOn = () => localStorage.getItem(KEY) === 'on';

export function useVibrationSetting(): [boolean, (on: boolean) => void] {
  const [on, setOn] = useState(vibrationOn);
  const set = (next: boolean) => {
    localStorage.setItem(KEY, next ? 'on' : 'off');
    setOn(next);
  };
  return [on, set];
}

/** Whether this device can vibrate at all (phones; not iPadOS, not laptops). */
export const canVibrate = (): boolean => typeof navigator.vibrate === 'function';

/**
 * One short buzz when a new signal arrives on this screen, if this device was set to. Keyed by
 * the signal's id, so a re-render or a resync never buzzes twice for the same signal.
 */
export function useSignalVibration(signalId: string | null): void {
  useEffect(() => {
    // Read when the signal comes, not when the strip mounted: the choice may be newer.
    if (signalId && vibrationOn() && canVibrate()) navigator.vibrate(200);
  }, [signalId]);
}
