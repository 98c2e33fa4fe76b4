import { useEffect, useRef } from 'react';

/**
 * Blanks the display at once when someone walks past; a tap anywhere (or any key) brings the
 * console back. The session runs on underneath, untouched.
 */
export function HiddenScreen({ onShow }: { onShow: () => void }) {
  const ref = useRef<HTMLButtonElement>(null);
  useEffect(() => ref.current?.focus(), []);
  return (
    <button ref={ref} type="button" className="hidden-screen" aria-label="Show screen" onClick={onShow} onKeyDown={onShow}>
      <span className="visually-hidden">Screen hidden. Tap to show the console.</span>
    </button>
  );
}
