/** The STIX patterning language (STIX 2.1 §9): tokenizer, parser, and indicator extraction. */
export { parseStixPattern, MAX_PATTERN_DEPTH } from './pattern-parser';
export { tokenizePattern, StixPatternError } from './pattern-tokenizer';
export type { Token, TokenKind } from './pattern-tokenizer';
export { listComparisons, formatObjectPath } from './pattern-ast';
export type { ComparisonExpression, ComparisonOperator, FlatComparison, ObjectPath, ObservationExpression, PathStep, PatternLiteral, Qualifier } from './pattern-ast';
export { extractPatternIndicators, hashTypeFor } from './pattern-indicators';
export type { PatternIndicator, SkippedComparison } from './pattern-indicators';
