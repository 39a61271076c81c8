import { getIndicator, listIndicators } from '../../core/vault/queries/indicator-reads';
import { listSources } from '../../core/vault/queries/sources';
import { WorkbenchError } from '../../core/errors';
import type { HandlersFor } from './types';

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
