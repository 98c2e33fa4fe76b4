import './signals.css';
import { SIGNAL_LABELS } from '../../../../shared/schemas/commands.js';
import type { Signal } from '../../../../shared/session/context.js';
import { useSignedIn } from '../../auth/authState.js';
import { CommandButton } from '../CommandButton.js';
import { useLive, useView } from '../liveContext.js';
import { useSignalVibration } from './useSignalVibration.js';

/** How long the sender still reads "seen" before the line clears. */
const SEEN_SHOWN_MS = 8_000;

/**
 * Signals between the facilitators: one from the other shows as a quiet banner with an
 * acknowledge tap; one I sent says in full whether it was seen, and clears a little after it is.
 */
export function SignalStrip() {
  const view = useView();
  const { user } = useSignedIn();
  const signals = view.context.signals;
  const incoming = signals.filter((s) => s.from !== user.id && s.ackedAt === null);
  const mine = signals.findLast((s) => s.from === user.id);
  // Server time on this screen: the line clears at the same moment on any device.
  const seenLongAgo = useLive((s) => mine?.ackedAt != null && s.now - mine.ackedAt > SEEN_SHOWN_MS);
  // First names: the banner is one short line.
  const nameOfFacilitator = (id: string) => view.facilitators.find((f) => f.id === id)?.name.split(' ')[0] ?? 'The other facilitator';
  const oldest = incoming[0];
  // The member a signal is about (P49): "Check on member: Ana".
  const signalWords = (signal: Signal) =>
    `${SIGNAL_LABELS[signal.kind]}${signal.memberId ? `: ${view.members.find((m) => m.id === signal.memberId)?.name ?? 'a member'}` : ''}`;
  useSignalVibration(oldest?.id ?? null);

  return (
    <section className="signal-strip" aria-label="Signals" aria-live="polite">
      {oldest ? (
        <div className="signal-banner">
          <p className="signal-text">
            <span className="signal-from">
              {nameOfFacilitator(oldest.from)}:{incoming.length > 1 && ` (+${incoming.length - 1} more)`}
            </span>{' '}
            <strong>{signalWords(oldest)}</strong>
            {oldest.text && <span className="signal-words"> “{oldest.text}”</span>}
          </p>
          <CommandButton command={{ type: 'signal.ack', signalId: oldest.id }} label="Acknowledge" className="primary small" />
        </div>
      ) : mine && !seenLongAgo ? (
        <p className="signal-sent">
          You signalled “{signalWords(mine)}”: <strong>{mine.ackedAt === null ? 'not seen yet' : 'seen'}</strong>
        </p>
      ) : null}
    </section>
  );
}
