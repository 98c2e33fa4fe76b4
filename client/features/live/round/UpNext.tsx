import { upNext } from '../../../../shared/session/round.js';
import { nameOf } from '../members.js';
import { useView } from '../liveContext.js';

/** Whom "Next speaker" gives the floor to (P39), shown all along so the press holds no surprise. */
export function UpNext() {
  const view = useView();
  const next = upNext(view.context);
  const words = next ? `Up next: ${nameOf(view, next)}` : view.context.round ? 'Up next: the go-round ends' : '';
  return <p className="up-next muted">{words}</p>;
}
