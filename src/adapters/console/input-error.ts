/** A mistake in what the console user typed (no such button, no open form …): shown to them, never processed. */
export class ConsoleInputError extends Error {
  override name = 'ConsoleInputError';
}
