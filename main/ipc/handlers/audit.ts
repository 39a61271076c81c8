import type { HandlersFor } from './types';

export const auditHandlers: HandlersFor<'audit'> = {
  'audit:list': (query, session) => session.audit(query),
};
