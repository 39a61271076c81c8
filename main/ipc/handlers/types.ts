import type { Channel, ParsedRequestOf, ResponseOf } from '../../../preload/contract';
import type { WorkbenchSession } from '../../core/session';

/** Binds one contract channel to the core: receives an already validated request. */
export type Handler<C extends Channel> = (request: ParsedRequestOf<C>, session: WorkbenchSession) => Promise<ResponseOf<C>> | ResponseOf<C>;

export type HandlersFor<Prefix extends string> = { [C in Channel as C extends `${Prefix}:${string}` ? C : never]: Handler<C> };
