import { seatedMembers } from '../members.js';
import { useView } from '../liveContext.js';
import { MemberTile } from './MemberTile.js';
import { CircleCentre } from './CircleCentre.js';
import { UndoContext } from './undoState.js';
import { useSeatLayout } from './useSeatLayout.js';
import { useUndoOffer } from './useUndoOffer.js';

/**
 * Members in seat order, as the group sits: around a circle from the top, clockwise, when the
 * screen has room for every tile without two touching; otherwise in rows, still in seat order.
 * Positions are percentages of the box, so the circle never reflows when the floor moves.
 */
export function SeatingCircle() {
  const view = useView();
  const members = seatedMembers(view);
  const { ref, circle } = useSeatLayout(members.length);
  const seats = circle?.seats;
  const undo = useUndoOffer();
  return (
    <UndoContext.Provider value={undo}>
      <section ref={ref} className={circle ? 'seating seats-circle' : 'seating seats-rows'} aria-label="Seating circle">
        {!circle && (
          <div className="rows-centre">
            <CircleCentre />
          </div>
        )}
        <ul className="circle">
          {members.map((member, index) => {
            const seat = seats?.[index];
            return (
              <li key={member.id} className="seat" style={seat ? { left: `${seat.left}%`, top: `${seat.top}%` } : undefined}>
                <MemberTile memberId={member.id} name={member.name} />
              </li>
            );
          })}
        </ul>
        {circle && (
          <div className="circle-centre" style={{ width: circle.centre.width, maxHeight: circle.centre.height }}>
            <CircleCentre />
          </div>
        )}
      </section>
    </UndoContext.Provider>
  );
}
