import { Notice } from '../../components/Notice';
import { selectNotice, useBriefingsStore } from './briefings-store';

/** The outcome of the last action on the screen (saved, attached, failed), dismissable. */
export function BriefingsNotice() {
  const notice = useBriefingsStore(selectNotice);
  const setNotice = useBriefingsStore((state) => state.setNotice);
  if (!notice) return null;
  return (
    <div className="briefings-notice">
      <Notice tone={notice.tone}>
        {notice.text}{' '}
        <button type="button" className="link-button" onClick={() => setNotice(null)}>
          Dismiss
        </button>
      </Notice>
    </div>
  );
}
