import { DismissableNotice } from '../../components/DismissableNotice';
import { selectNotice, useBriefingsStore } from './briefings-store';

/** The outcome of the last action on the screen (saved, attached, failed), dismissable. */
export function BriefingsNotice() {
  const notice = useBriefingsStore(selectNotice);
  const setNotice = useBriefingsStore((state) => state.setNotice);
  return <DismissableNotice notice={notice} onDismiss={() => setNotice(null)} className="briefings-notice" />;
}
