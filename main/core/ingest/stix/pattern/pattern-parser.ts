/**
 * Recursive-descent parser for STIX patterns, following the grammar of STIX 2.1 §9 (Appendix: ANTLR
 * grammar `STIXPattern.g4`), which STIX 2.0 patterns also satisfy. Recursion happens only at brackets
 * and parentheses and is capped at MAX_PATTERN_DEPTH, so a hostile `((((…` cannot overflow the stack.
 * Keywords are accepted in any case (producers write `and`); the grammar spells them upper-case.
 */
import type { ComparisonExpression, ComparisonOperator, ObjectPath, ObservationExpression, PathStep, PatternLiteral, Qualifier } from './pattern-ast';
import { StixPatternError, tokenizePattern } from './pattern-tokenizer';
import type { Token, TokenKind } from './pattern-tokenizer';

export const MAX_PATTERN_DEPTH = 64;

const WORD_OPERATORS: Record<string, ComparisonOperator> = { IN: 'IN', LIKE: 'LIKE', MATCHES: 'MATCHES', ISSUBSET: 'ISSUBSET', ISSUPERSET: 'ISSUPERSET' };
const SYMBOL_OPERATORS: ReadonlySet<TokenKind> = new Set<TokenKind>(['=', '!=', '<', '<=', '>', '>=']);

/** Parses a STIX pattern; throws StixPatternError (with a character position) when it is not valid. */
export function parseStixPattern(pattern: string): ObservationExpression {
  return new PatternParser(tokenizePattern(pattern)).parse();
}

class PatternParser {
  private at = 0;
  private depth = 0;

  constructor(private readonly tokens: Token[]) {}

  parse(): ObservationExpression {
    const expression = this.observationExpressions();
    const next = this.peek();
    if (next.kind !== 'eof') throw this.error(`unexpected ${describe(next)}`, next);
    return expression;
  }

  // observationExpressions := orExpr (FOLLOWEDBY orExpr)*; OR binds tighter than FOLLOWEDBY, AND tighter than OR.
  private observationExpressions(): ObservationExpression {
    return this.nary('followedby', 'FOLLOWEDBY', () => this.nary('or', 'OR', () => this.nary('and', 'AND', () => this.qualifiedObservation())));
  }

  private nary<T extends { type: string }>(type: 'and' | 'or' | 'followedby', word: string, operand: () => T): T {
    const first = operand();
    if (!this.isWord(word)) return first;
    const operands = [first];
    while (this.isWord(word)) {
      this.at++;
      operands.push(operand());
    }
    return { type, operands } as unknown as T;
  }

  private qualifiedObservation(): ObservationExpression {
    let expression = this.observation();
    for (;;) {
      const qualifier = this.qualifier();
      if (!qualifier) return expression;
      expression = { type: 'qualified', expression, qualifier };
    }
  }

  private observation(): ObservationExpression {
    const token = this.peek();
    if (token.kind === '[') {
      this.enter(token);
      this.at++;
      const comparison = this.comparisonExpression();
      this.expect(']', "']' to close the observation");
      this.depth--;
      return { type: 'observation', comparison };
    }
    if (token.kind === '(') {
      this.enter(token);
      this.at++;
      const inner = this.observationExpressions();
      this.expect(')', "')'");
      this.depth--;
      return inner;
    }
    throw this.error(`expected '[' or '(' but found ${describe(token)}`, token);
  }

  private qualifier(): Qualifier | undefined {
    if (this.isWord('WITHIN')) {
      this.at++;
      const amount = this.take();
      if ((amount.kind !== 'int' && amount.kind !== 'float') || Number(amount.text) <= 0) throw this.error('WITHIN needs a positive number', amount);
      this.expectWord('SECONDS');
      return { kind: 'within', seconds: Number(amount.text) };
    }
    if (this.isWord('REPEATS')) {
      this.at++;
      const amount = this.take();
      if (amount.kind !== 'int' || Number(amount.text) <= 0) throw this.error('REPEATS needs a positive integer', amount);
      this.expectWord('TIMES');
      return { kind: 'repeats', times: Number(amount.text) };
    }
    if (this.isWord('START')) {
      this.at++;
      const start = this.take();
      if (start.kind !== 'timestamp') throw this.error("START needs a t'…' timestamp", start);
      this.expectWord('STOP');
      const stop = this.take();
      if (stop.kind !== 'timestamp') throw this.error("STOP needs a t'…' timestamp", stop);
      return { kind: 'start-stop', start: start.text, stop: stop.text };
    }
    return undefined;
  }

  private comparisonExpression(): ComparisonExpression {
    return this.nary('or', 'OR', () => this.nary('and', 'AND', () => this.propTest()));
  }

  private propTest(): ComparisonExpression {
    const token = this.peek();
    if (token.kind === '(') {
      this.enter(token);
      this.at++;
      const inner = this.comparisonExpression();
      this.expect(')', "')'");
      this.depth--;
      return inner;
    }
    if (this.isWord('EXISTS')) {
      this.at++;
      return { type: 'exists', path: this.objectPath() };
    }
    const path = this.objectPath();
    let negated = false;
    if (this.isWord('NOT')) {
      this.at++;
      negated = true;
    }
    const operatorToken = this.take();
    if (SYMBOL_OPERATORS.has(operatorToken.kind)) {
      const operator = operatorToken.kind as ComparisonOperator;
      return { type: 'comparison', path, operator, negated, value: this.literal() };
    }
    const word = operatorToken.kind === 'ident' ? WORD_OPERATORS[operatorToken.text.toUpperCase()] : undefined;
    if (!word) throw this.error(`expected a comparison operator but found ${describe(operatorToken)}`, operatorToken);
    if (word === 'IN') return { type: 'comparison', path, operator: word, negated, value: this.setLiteral() };
    const value = this.literal();
    if (value.kind !== 'string') throw this.error(`${word} needs a string literal`, operatorToken);
    return { type: 'comparison', path, operator: word, negated, value };
  }

  private objectPath(): ObjectPath {
    const typeToken = this.take();
    if (typeToken.kind !== 'ident') throw this.error(`expected an object type but found ${describe(typeToken)}`, typeToken);
    this.expect(':', "':' after the object type");
    const steps: PathStep[] = [this.propertyName()];
    for (;;) {
      const token = this.peek();
      if (token.kind === '.') {
        this.at++;
        steps.push(this.propertyName());
      } else if (token.kind === '[') {
        this.at++;
        const index = this.take();
        if (index.kind === '*') steps.push({ kind: 'index', index: '*' });
        else if (index.kind === 'int') steps.push({ kind: 'index', index: Number(index.text) });
        else throw this.error("expected a list index or '*'", index);
        this.expect(']', "']' after the list index");
      } else return { objectType: typeToken.text, steps };
    }
  }

  private propertyName(): PathStep {
    const token = this.take();
    if (token.kind === 'ident' || token.kind === 'string') return { kind: 'property', name: token.text };
    throw this.error(`expected a property name but found ${describe(token)}`, token);
  }

  private setLiteral(): PatternLiteral[] {
    this.expect('(', "'(' to open the IN set");
    const values: PatternLiteral[] = [];
    if (this.peek().kind === ')') {
      this.at++;
      return values;
    }
    for (;;) {
      values.push(this.literal());
      const next = this.take();
      if (next.kind === ')') return values;
      if (next.kind !== ',') throw this.error("expected ',' or ')' in the IN set", next);
    }
  }

  private literal(): PatternLiteral {
    const token = this.take();
    switch (token.kind) {
      case 'string': return { kind: 'string', value: token.text };
      case 'int': return { kind: 'int', value: Number(token.text), text: token.text };
      case 'float': return { kind: 'float', value: Number(token.text), text: token.text };
      case 'hex': case 'binary': case 'timestamp': return { kind: token.kind, value: token.text };
      case 'ident': {
        const word = token.text.toLowerCase();
        if (word === 'true' || word === 'false') return { kind: 'bool', value: word === 'true' };
        break;
      }
      default: break;
    }
    throw this.error(`expected a literal but found ${describe(token)}`, token);
  }

  private enter(token: Token): void {
    if (++this.depth > MAX_PATTERN_DEPTH) throw this.error(`pattern nested deeper than ${MAX_PATTERN_DEPTH} levels`, token);
  }

  private peek(): Token {
    return this.tokens[this.at]!;
  }

  private take(): Token {
    const token = this.tokens[this.at]!;
    if (token.kind !== 'eof') this.at++;
    return token;
  }

  private isWord(word: string): boolean {
    const token = this.peek();
    return token.kind === 'ident' && token.text.toUpperCase() === word;
  }

  private expect(kind: TokenKind, what: string): void {
    const token = this.take();
    if (token.kind !== kind) throw this.error(`expected ${what} but found ${describe(token)}`, token);
  }

  private expectWord(word: string): void {
    if (!this.isWord(word)) throw this.error(`expected ${word} but found ${describe(this.peek())}`, this.peek());
    this.at++;
  }

  private error(reason: string, token: Token): StixPatternError {
    return new StixPatternError(reason, token.position);
  }
}

function describe(token: Token): string {
  if (token.kind === 'eof') return 'the end of the pattern';
  if (token.kind === 'string') return 'a string literal';
  return `'${token.text}'`;
}
