import type { WireEncoding } from './decodeRequest';

/**
 * Thrown inside the decoder when a body cannot be turned into events. `decodeRequest` catches it at
 * the boundary and turns it into `{ events: [], undecodable: { reason } }`, so the message is
 * user-facing: say what was wrong, specifically.
 */
export class UndecodableBody extends Error {
  override readonly name = 'UndecodableBody';

  constructor(
    reason: string,
    /** The encoding identified before the failure, if any ("gzip stream truncated" is still gzip). */
    readonly encoding?: WireEncoding,
  ) {
    super(reason);
  }
}
