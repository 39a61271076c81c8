import { getIndicator, listIndicators } from '../../core/vault/queries/indicator-reads';
import { listSources } from '../../core/vault/queries/sources';
import { WorkbenchError } from '../../core/errors';
import type { IndicatorType as ContractIndicatorType } from '../../../preload/contract';
import type { IndicatorType } from '../../core/indicators';
import type { HandlersFor } from './types';

// The contract repeats the core's type vocabulary (it may import nothing from main); this fails to
// compile the moment the two lists differ in either direction.
type SameTypes = [IndicatorType] extends [ContractIndicatorType] ? ([ContractIndicatorType] extends [IndicatorType] ? true : never) : never;
export const INDICATOR_TYPES_AGREE: SameTypes = true;

export const indicatorHandlers: HandlersFor<'indicators'> = {
  'indicators:list': (filter, session) => listIndicators(session.db(), filter),
  'indicators:get': ({ id }, session) => {
    const indicator = getIndicator(session.db(), { id });
    if (!indicator) throw new WorkbenchError('NOT_FOUND', `No indicator has id ${id}.`);
    return indicator;
  },
};

export const sourceHandlers: HandlersFor<'sources'> = {
  'sources:list': (_request, session) => listSources(session.db()),
};
