import { buildMatrix, tacticLabel, type TechniqueCell } from '../lib/attack-tactics';

interface AttackHeatmapProps {
  techniques: readonly TechniqueCell[];
  /** Shown when a technique's name is unknown (no catalogue loaded). */
  caption?: string;
}

/**
 * The briefing's ATT&CK techniques as a matrix: tactics as columns, the picked techniques as cells. A column's
 * heat is how many picked techniques it holds, so the phases the briefing covers stand out at a glance.
 */
export function AttackHeatmap({ techniques, caption }: AttackHeatmapProps) {
  const columns = buildMatrix(techniques);
  if (columns.length === 0) return <p className="muted">No techniques picked.</p>;
  const most = Math.max(...columns.map((column) => column.techniques.length));
  return (
    // Focusable: a wide matrix scrolls sideways, and keyboard users must reach every column.
    <div className="attack-matrix" role="table" aria-label={caption ?? 'ATT&CK matrix'} tabIndex={0}>
      <div role="rowgroup" className="attack-matrix-head">
        <div role="row" className="attack-matrix-row" style={{ gridTemplateColumns: `repeat(${columns.length}, minmax(120px, 1fr))` }}>
          {columns.map((column) => (
            <div role="columnheader" key={column.tactic ?? '(none)'} className="attack-tactic">
              {column.tactic ? tacticLabel(column.tactic) : 'No tactic known'}
              <span className="attack-count">{column.techniques.length}</span>
            </div>
          ))}
        </div>
      </div>
      <div role="rowgroup">
        <div role="row" className="attack-matrix-row" style={{ gridTemplateColumns: `repeat(${columns.length}, minmax(120px, 1fr))` }}>
          {columns.map((column) => (
            <div role="cell" key={column.tactic ?? '(none)'} className="attack-column">
              {column.techniques.map((technique) => (
                <div
                  key={technique.id}
                  className="attack-cell"
                  data-heat={Math.ceil((column.techniques.length / most) * 4)}
                  title={technique.name ? `${technique.id} ${technique.name}` : technique.id}
                >
                  <span className="attack-id">{technique.id}</span>
                  {technique.name && <span className="attack-name">{technique.name}</span>}
                </div>
              ))}
            </div>
          ))}
        </div>
      </div>
    </div>
  );
}
