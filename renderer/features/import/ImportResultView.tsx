import type { ImportSummary } from '../../../preload/contract';
import { Notice } from '../../components/Notice';
import { formatCount } from '../../lib/format';
import { countNoted, describeFiles, headline, type FileVerdict } from './import-outcome';
import { ProblemTable } from './ProblemTable';

const VERDICT_LABELS: Record<FileVerdict, string> = { imported: 'Imported', 'not-imported': 'NOT IMPORTED', 'already-imported': 'Already imported', 'nothing-found': 'Nothing found' };

interface ImportResultViewProps {
  summary: ImportSummary;
  strict: boolean;
}

export function ImportResultView({ summary, strict }: ImportResultViewProps) {
  const files = describeFiles(summary, strict);
  const top = headline(summary);
  const totals = [
    ['Files', summary.files],
    ['Records', summary.records],
    ['New', summary.indicators_new],
    ['Merged', summary.indicators_merged],
    ['Rejected', summary.rejected],
    ['Notes', countNoted(summary)],
  ] as const;

  return (
    <div className="import-result">
      <Notice tone={top.tone}>{top.text}</Notice>
      {/* The group is a wrapper: a <dl> with a role loses its list semantics (axe dlitem). */}
      <div role="group" aria-label="Import totals">
        <dl className="import-totals">
          {totals.map(([label, value]) => (
            <div key={label} className="import-total">
              <dt>{label}</dt>
              <dd>{formatCount(value)}</dd>
            </div>
          ))}
        </dl>
      </div>
      <section aria-label="Files">
        <h3>Files</h3>
        <div className="table-scroll">
          <table className="data-table import-files">
            <thead>
              <tr>
                <th scope="col">File</th>
                <th scope="col">Format</th>
                <th scope="col">Outcome</th>
                <th scope="col" className="numeric">Records</th>
                <th scope="col" className="numeric">New</th>
                <th scope="col" className="numeric">Merged</th>
                <th scope="col" className="numeric">Rejected</th>
              </tr>
            </thead>
            <tbody>
              {files.map((file, index) => (
                <tr key={index}>
                  <td>
                    <span className="file-name">{file.file}</span>
                    {file.explanation && <p className="file-explanation">{file.explanation}</p>}
                  </td>
                  <td>{file.format}</td>
                  <td>
                    <span className={`verdict verdict-${file.verdict}`}>{VERDICT_LABELS[file.verdict]}</span>
                  </td>
                  <td className="numeric">{formatCount(file.records)}</td>
                  <td className="numeric">{file.committed ? formatCount(file.indicatorsNew) : '—'}</td>
                  <td className="numeric">{file.committed ? formatCount(file.indicatorsMerged) : '—'}</td>
                  <td className="numeric">{formatCount(file.rejected)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      </section>
      <ProblemTable
        title="Rejects"
        intro="Records the import refused, and problems that stopped a file from being read."
        problems={summary.errors}
      />
      <ProblemTable
        title="Ambiguities"
        intro="Not imported, check by hand: the parser could not tell whether these are indicators."
        problems={summary.ambiguities}
      />
      <ProblemTable title="Notes" intro="Parts of the files that carry no single indicator value, skipped on purpose." problems={summary.notes} />
    </div>
  );
}
