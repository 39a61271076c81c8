import type { ImportProblem } from '../../../preload/contract';

interface ProblemTableProps {
  title: string;
  intro?: string;
  problems: readonly ImportProblem[];
}

/** Problems as the core reports them: the file, the place in it (row, object, byte) and the reason. */
export function ProblemTable({ title, intro, problems }: ProblemTableProps) {
  if (problems.length === 0) return null;
  return (
    <section className="problem-section" aria-label={title}>
      <h3>
        {title} <span className="count-pill">{problems.length}</span>
      </h3>
      {intro && <p className="muted">{intro}</p>}
      <div className="table-scroll problem-scroll">
        <table className="data-table">
          <thead>
            <tr>
              <th scope="col">File</th>
              <th scope="col">Place</th>
              <th scope="col">Reason</th>
            </tr>
          </thead>
          <tbody>
            {problems.map((problem, index) => (
              <tr key={index}>
                <td className="nowrap">{problem.file}</td>
                <td className="mono">{problem.location}</td>
                <td>{problem.reason}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </section>
  );
}
