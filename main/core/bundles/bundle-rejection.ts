import { WorkbenchError } from '../errors';
import type { BundleProblem } from './bundle-model';

export type { BundleProblem };

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
