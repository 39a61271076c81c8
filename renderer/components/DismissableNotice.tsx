import { Notice } from './Notice';

interface DismissableNoticeProps {
  notice: { tone: 'error' | 'info' | 'success'; text: string } | null;
  onDismiss: () => void;
  /** The screen's placement class: the bar sits where the screen puts its notices. */
  className: string;
}

/** A screen's last outcome (saved, imported, failed), shown until the analyst dismisses it. */
export function DismissableNotice({ notice, onDismiss, className }: DismissableNoticeProps) {
  if (!notice) return null;
  return (
    <div className={className}>
      <Notice tone={notice.tone}>
        {notice.text}{' '}
        <button type="button" className="link-button" onClick={onDismiss}>
          Dismiss
        </button>
      </Notice>
    </div>
  );
}
