import type { HandlersFor } from './types';

export const settingsHandlers: HandlersFor<'settings'> = {
  'settings:get': (_request, session) => session.settings(),
  'settings:update': (patch, session) => session.updateSettings(patch),
};
