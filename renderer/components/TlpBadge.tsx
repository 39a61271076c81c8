import type { TlpLevel } from '../../preload/contract';
import { tlpClass, tlpLabel } from '../lib/tlp';

/** A TLP 2.0 marking: the level's colour on black, as FIRST specifies for screens. */
export function TlpBadge({ level }: { level: TlpLevel }) {
  return <span className={`tlp-badge ${tlpClass(level)}`}>{tlpLabel(level)}</span>;
}
