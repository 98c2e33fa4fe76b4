import { seatedMembers } from '../members.js';
import { useView } from '../liveContext.js';
import { MemberTile } from './MemberTile.js';
import { CircleCentre } from './CircleCentre.js';

/**
 * Members drawn in seat order around a circle, starting at the top and going clockwise, as the
 * group sits. Positions are percentages, so the circle scales with its box and never reflows
 * when the floor moves.
 */
export function SeatingCircle() {
  const view = useView();
  const members = seatedMembers(view);
  const crowded = members.length > 10;
  return (
    <section className={crowded ? 'seating crowded' : 'seating'} aria-label="Seating circle">
      <ul className="circle">
        {members.map((member, index) => {
          const angle = -Math.PI / 2 + (index * 2 * Math.PI) / members.length;
          return (
            <li key={member.id} className="seat" style={{ left: `${50 + 39 * Math.cos(angle)}%`, top: `${50 + 39 * Math.sin(angle)}%` }}>
              <MemberTile memberId={member.id} name={member.name} />
            </li>
          );
        })}
      </ul>
      <CircleCentre />
    </section>
  );
}
