/**
 * MISP event JSON parser: `{"Event": {…}}`, a search result `{"response": [{"Event": …}, …]}`, or a
 * bare array of `{"Event": …}`. Each event is one element of the streaming splitter, so memory is
 * bounded by the largest event (capped at 64 MiB by default: a larger event is a clear fatal error).
 */
import { IngestError } from '../ingest-record';
import type { IngestItem, ParserContext, ParserInput } from '../ingest-record';
import type { JsonElement } from '../json/json-element-splitter';
import { NoteTally } from '../json/note-tally';
import { streamJsonElements } from '../json/stream-json-elements';
import { eventOfSearchItem, mispAttributeListItems, mispEventItems } from './misp-event-items';
import type { MispEventScope } from './misp-event-items';

export interface MispParseOptions {
  /** Largest single event in bytes (default 64 MiB). */
  maxEventBytes?: number;
  /** Prefix for every location (the feed reader passes the event file name). */
  locationPrefix?: string;
  /** Sees every attribute's raw type and value. */
  onAttribute?: MispEventScope['onAttribute'];
}

/** Parses MISP event JSON from a byte stream; fatal problems throw IngestError. */
export async function* parseMisp(input: ParserInput, ctx: ParserContext, options: MispParseOptions = {}): AsyncGenerator<IngestItem> {
  const scope: MispEventScope = { tally: new NoteTally(), onAttribute: options.onAttribute };
  const prefix = options.locationPrefix ? `${options.locationPrefix}:` : '';
  let records = 0;
  let events = 0;
  const bareEvent: Record<string, unknown> = {};
  let sawEventList = false;
  const elements = streamJsonElements(input, {
    fileName: ctx.fileName,
    streamKeys: ['response'],
    maxElementBytes: options.maxEventBytes,
    signal: ctx.signal,
    onArrayStart: () => (sawEventList = true),
    onBytes: (bytesRead) => ctx.onProgress?.({ bytesRead, bytesTotal: ctx.bytesTotal, records }),
  });
  for await (const batch of elements) {
    for (const element of batch) {
      const attributes = attributeSearchResult(element);
      if (attributes !== undefined) {
        events++;
        for (const item of mispAttributeListItems(attributes, `${prefix} response`.trim(), scope)) {
          if (item.kind === 'record') records++;
          yield item;
        }
        continue;
      }
      const event = eventOf(element, ctx.fileName, bareEvent);
      if (event === undefined) continue;
      events++;
      for (const item of mispEventItems(event, `${prefix} ${locationOf(element)}`.trim(), scope)) {
        if (item.kind === 'record') records++;
        yield item;
      }
    }
  }
  if (events === 0 && !sawEventList) {
    // A bare event object (no "Event" wrapper), as some exporters write.
    if (!('Attribute' in bareEvent) && !('Object' in bareEvent) && !('info' in bareEvent)) {
      throw new IngestError(ctx.fileName, 'document', 'not a MISP event: expected "Event", "response" or an array of events');
    }
    events++;
    yield* mispEventItems(bareEvent, `${prefix} document`.trim(), scope);
  }
  if (events === 0) yield { kind: 'note', note: { location: `${prefix} document`.trim(), message: 'no MISP events in the file' } };
  for (const note of scope.tally.notes()) yield { kind: 'note', note };
}

/**
 * The attribute list of an attribute search result, `{"response": {"Attribute": […]}}`. Unlike an event
 * list it arrives as one element, so it is bounded by the element cap (64 MiB by default).
 */
function attributeSearchResult(element: JsonElement): unknown[] | undefined {
  if (element.kind !== 'field' || element.key !== 'response') return undefined;
  const value = element.value as { Attribute?: unknown } | null;
  return value && typeof value === 'object' && Array.isArray(value.Attribute) ? value.Attribute : undefined;
}

/** The event inside an element, or undefined when the element is not one (other root fields). */
function eventOf(element: JsonElement, fileName: string, bareEvent: Record<string, unknown>): unknown {
  if (element.kind === 'item') {
    const value = element.value;
    if (value && typeof value === 'object' && 'Event' in value) return (value as { Event: unknown }).Event;
    if (value && typeof value === 'object' && !Array.isArray(value)) return eventOfSearchItem(value as Record<string, unknown>) ?? value;
    return value;
  }
  if (element.key === 'Event') return element.value;
  if (element.key === 'response') {
    throw new IngestError(fileName, 'response', 'MISP "response" must be a list of events, objects or attributes, or {"Attribute": [...]}');
  }
  // Keep only the fields a bare event would need; this cannot grow past the element cap per field.
  if (element.key === 'Attribute' || element.key === 'Object' || element.key === 'info' || element.key === 'uuid' || element.key === 'Tag' || element.key === 'Galaxy' || element.key === 'Orgc') {
    bareEvent[element.key] = element.value;
  }
  return undefined;
}

function locationOf(element: JsonElement): string {
  if (element.kind === 'field') return '';
  return element.key === null ? `[${element.index}]` : `response[${element.index}]`;
}
