import type { HandlersFor } from './types';

export const importHandlers: HandlersFor<'import'> = {
  'import:start': ({ grantId, ...options }, session) => session.startImport(grantId, options),
  'import:cancel': ({ jobId }, session) => session.cancelImport(jobId),
};
