import type { ReactNode } from 'react';
import type { TlpLevel } from '../../preload/contract';
import { tlpClass, tlpLabel } from '../lib/tlp';

/**
 * The marking a document carries, across the top of the screen that edits it: FIRST TLP 2.0 asks for the label
 * where the reader sees it before the content. Announced politely when it changes (a section raised to RED).
 */
export function TlpBanner({ level, children }: { level: TlpLevel; children?: ReactNode }) {
  return (
    <div className={`tlp-banner ${tlpClass(level)}`} role="status" aria-live="polite" aria-label={`Marking ${tlpLabel(level)}`}>
      <strong className="tlp-banner-label">{tlpLabel(level)}</strong>
      {children && <span className="tlp-banner-text">{children}</span>}
    </div>
  );
}
