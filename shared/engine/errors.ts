import type { StreamFixErrorCode } from './types';

/** The only error the engine throws. `offset` is the input position where it happened, when known. */
export class StreamFixError extends Error {
  override readonly name = 'StreamFixError';
  constructor(
    readonly code: StreamFixErrorCode,
    message: string,
    readonly offset = -1,
  ) {
    super(message);
  }
}
