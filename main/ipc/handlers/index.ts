import type { Channel } from '../../../preload/contract';
import { auditHandlers } from './audit';
import { attackHandlers, briefingHandlers } from './briefings';
import { bundleHandlers } from './bundles';
import { importHandlers } from './imports';
import { indicatorHandlers, sourceHandlers } from './indicators';
import { overviewHandlers, queueHandlers, triageHandlers, viewHandlers, warninglistHandlers } from './triage';
import { settingsHandlers } from './settings';
import { syncHandlers } from './sync';
import type { Handler } from './types';
import { vaultHandlers } from './vault';

/** Every channel of the contract bound to the core; the type fails to compile if one is missing. */
export const handlers: { [C in Channel]: Handler<C> } = {
  ...vaultHandlers,
  ...settingsHandlers,
  ...auditHandlers,
  ...indicatorHandlers,
  ...sourceHandlers,
  ...importHandlers,
  ...queueHandlers,
  ...triageHandlers,
  ...overviewHandlers,
  ...viewHandlers,
  ...warninglistHandlers,
  ...syncHandlers,
  ...briefingHandlers,
  ...attackHandlers,
  ...bundleHandlers,
};
