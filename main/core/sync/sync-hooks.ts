import { addIndicatorsEditedHook } from '../triage';
import { requeueEditedIndicators } from './share-indicators';

/**
 * Lets triage edits queue new versions of shared indicators (in the edit's transaction). Every process
 * that edits a vault with sync profiles calls this before its first edit: the session does, and so does
 * the CLI's triage command. Calling it again changes nothing.
 */
export function installSyncHooks(): void {
  addIndicatorsEditedHook(requeueEditedIndicators);
}
