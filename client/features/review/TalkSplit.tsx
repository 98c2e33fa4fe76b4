import './talk-split.css';
import type { TalkSplit as Split } from '../../../shared/review/types.js';
import { dur } from './format.js';

const percent = (share: number) => `${Math.round(share * 100)} %`;

/**
 * R20: facilitators against members on the floor — "Facilitators 38 % · Members 62 %" — and each
 * facilitator's own time, so a session the therapist dominated shows at a glance.
 */
export function TalkSplit({ split }: { split: Split }) {
  return (
    <div className="talk-split">
      <p>
        <strong>
          Facilitators {percent(split.facilitatorsShare)} · Members {percent(split.membersShare)}
        </strong>{' '}
        <span className="muted">of the time on the floor</span>
      </p>
      <ul className="talk-split-facilitators" aria-label="Facilitators' own time">
        {split.facilitators.map((f) => (
          <li key={f.role}>
            {f.name ?? (f.role === 'lead' ? 'Lead facilitator' : 'Co-facilitator')}: {dur(f.talkMs)} in {f.turns}{' '}
            {f.turns === 1 ? 'turn' : 'turns'} ({percent(f.share)})
          </li>
        ))}
      </ul>
    </div>
  );
}
