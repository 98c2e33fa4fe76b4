import { SIGNAL_LABELS } from '../../../../shared/schemas/commands.js';
import { useSignedIn } from '../../auth/authState.js';
import { CommandButton } from '../CommandButton.js';
import { useView } from '../liveContext.js';

/**
 * Signals between the facilitators: one from the other shows as a quiet banner with an
 * acknowledge tap; one I sent shows whether it was seen.
 */
export function SignalStrip() {
  const view = useView();
  const { user } = useSignedIn();
  const signals = view.context.signals;
  const incoming = signals.filter((s) => s.from !== user.id && s.ackedAt === null);
  const mine = signals.findLast((s) => s.from === user.id);
  // First names: the banner is one short line.
  const nameOfFacilitator = (id: string) => view.facilitators.find((f) => f.id === id)?.name.split(' ')[0] ?? 'The other facilitator';
  const oldest = incoming[0];

  return (
    <section className="signal-strip" aria-label="Signals" aria-live="polite">
      {oldest ? (
        <div className="signal-banner">
          <p className="signal-text">
            <span className="signal-from">
              {nameOfFacilitator(oldest.from)}:{incoming.length > 1 && ` (+${incoming.length - 1} more)`}
            </span>{' '}
            <strong>{SIGNAL_LABELS[oldest.kind]}</strong>
          </p>
          <CommandButton command={{ type: 'signal.ack', signalId: oldest.id }} label="Acknowledge" className="primary small" />
        </div>
      ) : mine ? (
        <p className="muted signal-sent">
          You signalled “{SIGNAL_LABELS[mine.kind]}”: {mine.ackedAt === null ? 'not seen yet' : 'seen'}
        </p>
      ) : null}
    </section>
  );
}
