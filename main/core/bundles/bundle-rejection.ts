import { WorkbenchError } from '../errors';

/** Why a bundle was refused; every kind means nothing was imported. */
export type BundleProblem =
  | 'not-a-bundle'
  | 'wrong-recipient'
  | 'damaged'
  | 'truncated'
  | 'parts'
  | 'format-version'
  | 'bad-signature'
  | 'hash-mismatch'
  | 'limits'
  | 'tlp'
  | 'custody'
  | 'content';

/** A refused bundle: the message names the file and the place (`x.liaison: bundle.json: …`). */
export class BundleRejected extends WorkbenchError {
  constructor(
    readonly problem: BundleProblem,
    readonly file: string,
    readonly place: string,
    readonly reason: string,
  ) {
    super('INVALID_INPUT', `${file}: ${place}: ${reason}`);
    this.name = 'BundleRejected';
  }
}
