/**
 * Syntax tree of a STIX pattern (STIX 2.1 §9). Boolean operators are n-ary lists rather than binary
 * trees so that `a OR b OR … OR z` costs no recursion depth.
 */

export type PatternLiteral =
  | { kind: 'string'; value: string }
  | { kind: 'int' | 'float'; value: number; text: string }
  | { kind: 'bool'; value: boolean }
  | { kind: 'hex' | 'binary' | 'timestamp'; value: string };

export type PathStep = { kind: 'property'; name: string } | { kind: 'index'; index: number | '*' };

/** `file:hashes.'SHA-256'` is { objectType: 'file', steps: [hashes, SHA-256] }. */
export interface ObjectPath {
  objectType: string;
  steps: PathStep[];
}

export type ComparisonOperator = '=' | '!=' | '<' | '<=' | '>' | '>=' | 'IN' | 'LIKE' | 'MATCHES' | 'ISSUBSET' | 'ISSUPERSET';

export type ComparisonExpression =
  | { type: 'comparison'; path: ObjectPath; operator: ComparisonOperator; negated: boolean; value: PatternLiteral | PatternLiteral[] }
  | { type: 'exists'; path: ObjectPath }
  | { type: 'and' | 'or'; operands: ComparisonExpression[] };

export type Qualifier =
  | { kind: 'within'; seconds: number }
  | { kind: 'repeats'; times: number }
  | { kind: 'start-stop'; start: string; stop: string };

export type ObservationExpression =
  | { type: 'observation'; comparison: ComparisonExpression }
  | { type: 'and' | 'or' | 'followedby'; operands: ObservationExpression[] }
  | { type: 'qualified'; expression: ObservationExpression; qualifier: Qualifier };

/** A single comparison with the path written back in STIX syntax, e.g. `file:hashes.'SHA-256'`. */
export type FlatComparison = Extract<ComparisonExpression, { type: 'comparison' }>;

/** Writes an object path back in pattern syntax (properties that are not plain identifiers are quoted). */
export function formatObjectPath(path: ObjectPath): string {
  let out = `${path.objectType}:`;
  path.steps.forEach((step, i) => {
    if (step.kind === 'index') {
      out += `[${step.index}]`;
      return;
    }
    const plain = /^[A-Za-z_][A-Za-z0-9_]*$/.test(step.name);
    const name = plain ? step.name : `'${step.name.replace(/\\/g, '\\\\').replace(/'/g, "\\'")}'`;
    out += i === 0 ? name : `.${name}`;
  });
  return out;
}

/** Lists every comparison of a pattern in source order (iteratively: no recursion). */
export function listComparisons(root: ObservationExpression): FlatComparison[] {
  const found: FlatComparison[] = [];
  const stack: Array<ObservationExpression | ComparisonExpression> = [root];
  while (stack.length > 0) {
    const node = stack.pop()!;
    switch (node.type) {
      case 'comparison': found.push(node); break;
      case 'exists': break;
      case 'observation': stack.push(node.comparison); break;
      case 'qualified': stack.push(node.expression); break;
      default:
        for (let i = node.operands.length - 1; i >= 0; i--) stack.push(node.operands[i]!);
    }
  }
  return found;
}
