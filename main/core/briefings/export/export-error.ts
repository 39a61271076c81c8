/** Why an export was refused as a whole. */
export class BriefingExportError extends Error {
  override readonly name = 'BriefingExportError';
  constructor(
    readonly code: 'above-ceiling' | 'no-browser' | 'render-failed',
    message: string,
  ) {
    super(message);
  }
}
