/**
 * An indicator as the list and the detail pane show it. Dependency-free, so the IPC contract (and through
 * it the renderer) imports these with `import type` instead of keeping copies that drift.
 */
import type { TlpLevel } from '../../indicators/tlp-level';

export interface IndicatorSummary {
  id: number;
  type: string;
  value: string;
  display: string | null;
  tlp: TlpLevel;
  status: string;
  flags: string[];
  confidence: number | null;
  firstSeen: string | null;
  lastSeen: string | null;
  validUntil: string | null;
  sightings: number;
  sourceCount: number;
}

export interface IndicatorSighting {
  sourceId: number;
  sourceName: string;
  format: string;
  fileName: string | null;
  importedAt: string;
  sightings: number;
  tlp: TlpLevel;
  firstSeen: string | null;
  lastSeen: string | null;
  location: string | null;
}

export interface IndicatorDetail extends IndicatorSummary {
  validFrom: string | null;
  createdAt: string;
  updatedAt: string;
  sources: IndicatorSighting[];
  context: { kind: string; name: string; ref: string; detail: string; sourceId: number }[];
  tags: string[];
}
