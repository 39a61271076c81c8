/**
 * Drives a JsonElementSplitter over a byte stream: abort checks, progress, end-of-input check.
 */
import type { ParserInput } from '../ingest-record';
import { JsonElementSplitter } from './json-element-splitter';
import type { JsonElement, JsonSplitterOptions } from './json-element-splitter';

export interface StreamJsonOptions extends JsonSplitterOptions {
  signal?: AbortSignal;
  /** Called after each chunk with the bytes consumed so far. */
  onBytes?: (bytesRead: number) => void;
}

/** Yields the document's top-level elements in batches (one batch per input chunk). */
export async function* streamJsonElements(input: ParserInput, options: StreamJsonOptions): AsyncGenerator<JsonElement[]> {
  const splitter = new JsonElementSplitter(options);
  for await (const chunk of input as AsyncIterable<Uint8Array | string>) {
    options.signal?.throwIfAborted();
    const bytes = typeof chunk === 'string' ? Buffer.from(chunk, 'utf8') : chunk;
    const elements = splitter.push(bytes);
    options.onBytes?.(splitter.bytesRead);
    if (elements.length > 0) yield elements;
  }
  options.signal?.throwIfAborted();
  const rest = splitter.finish();
  if (rest.length > 0) yield rest;
}
