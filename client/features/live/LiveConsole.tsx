import { useCallback, useState } from 'react';
import { useAnyModalOpen } from '../../ui/modalState.js';
import { Announcer } from './Announcer.js';
import { ConsoleDialogs } from './ConsoleDialogs.js';
import { ConsoleHeader } from './ConsoleHeader.js';
import { CrisisBanner } from './crisis/CrisisBanner.js';
import { OfflineRecords } from './crisis/OfflineRecords.js';
import { OpenDialogContext, type ConsoleDialog } from './dialogState.js';
import { DiscreetBar } from './discreet/DiscreetBar.js';
import { SignalStrip } from './discreet/SignalStrip.js';
import { FloorPanel } from './floor/FloorPanel.js';
import { QueuePanel } from './floor/QueuePanel.js';
import { RoundControls } from './floor/RoundControls.js';
import { GroupView } from './exercise/GroupView.js';
import { ShowToGroupContext } from './exercise/showToGroup.js';
import { HiddenScreen } from './HiddenScreen.js';
import { selectConnected, useLive } from './liveContext.js';
import { NoticeToast } from './NoticeToast.js';
import { PhaseBar } from './phases/PhaseBar.js';
import { SeatingCircle } from './seating/SeatingCircle.js';
import { useKeyboardShortcuts } from './useKeyboardShortcuts.js';
import { useWakeLock } from './useWakeLock.js';
import { WakeNote } from './WakeNote.js';

/**
 * The live console: one screen with nothing behind hover, laid out for the shape it is on (a
 * phone, a tablet upright or on its side, a laptop; see live.css). While the connection is down
 * every control is disabled (one fieldset) and the timers keep counting.
 */
export function LiveConsole() {
  const connected = useLive(selectConnected);
  const [hidden, setHidden] = useState(false);
  const [dialog, setDialog] = useState<ConsoleDialog | null>(null);
  const [toGroup, setToGroup] = useState(false);
  const showToGroup = useCallback(() => {
    setDialog(null);
    setToGroup(true);
  }, []);
  const modalOpen = useAnyModalOpen();
  const wakeLock = useWakeLock(true);
  useKeyboardShortcuts(connected && !hidden && !modalOpen && !toGroup);
  // Turned to the room, the console is not rendered at all: nothing private can show (P48).
  if (toGroup) return <GroupView onBack={() => setToGroup(false)} />;

  return (
    <OpenDialogContext.Provider value={setDialog}>
      <ShowToGroupContext.Provider value={showToGroup}>
        <div className="console" inert={hidden} aria-hidden={hidden || undefined}>
          {/* One grid row: the wake-lock line, when there is one, sits under the header. */}
          <div className="console-top">
            <ConsoleHeader onHide={() => setHidden(true)} />
            <WakeNote state={wakeLock} />
            {/* Outside the controls' fieldset: a flag or a note can be made offline. */}
            <OfflineRecords />
          </div>
          <main className="console-body">
            <fieldset className="console-controls" disabled={!connected}>
              <legend className="visually-hidden">Session controls</legend>
              {/* The grid is on an inner box (a fieldset does not size a grid reliably); each part is
                a grid area, so every screen shape places the parts its own way (live.css). */}
              <div className="console-grid">
                {/* Pinned together at the top of a phone; separate areas on larger screens. */}
                <div className="live-top">
                  <SignalStrip />
                  <CrisisBanner />
                  <FloorPanel />
                  <RoundControls />
                </div>
                <PhaseBar />
                <SeatingCircle />
                <QueuePanel />
                <DiscreetBar />
              </div>
            </fieldset>
          </main>
          <NoticeToast />
          <Announcer />
        </div>
        {!hidden && <ConsoleDialogs dialog={dialog} close={() => setDialog(null)} />}
        {hidden && <HiddenScreen onShow={() => setHidden(false)} />}
      </ShowToGroupContext.Provider>
    </OpenDialogContext.Provider>
  );
}
