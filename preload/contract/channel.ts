import { z } from 'zod';

/**
 * One request/response channel: the zod schema checks the request where it crosses a process boundary;
 * the response type is carried as a phantom so both sides agree on it at compile time.
 */
export interface ChannelSpec<Req extends z.ZodType, Res> {
  request: Req;
  /** Phantom: never read at run time. */
  response?: Res;
}

export function channel<Req extends z.ZodType, Res>(request: Req): ChannelSpec<Req, Res> {
  return { request };
}

/** Requests that carry no arguments are still objects, so every payload has one shape to validate. */
export const Empty = z.object({}).strict();
