import { collectErrors } from '../lib/core/validation';

/**
 * Builds with `build` and asserts that one of the errors it produces contains
 * `message`: a thrown error (eager checks) or a validation failure reported
 * when the construct trees it built are validated (deferred `validateProps`
 * rules, `node.addValidation`).
 */
export function expectValidationError(build: () => unknown, message: string | RegExp): void {
  const errors = collectErrors(build);
  const text = errors.join('\n');
  if (typeof message === 'string' ? !text.includes(message) : !message.test(text)) {
    throw new Error(`expected an error containing ${typeof message === 'string' ? JSON.stringify(message) : String(message)}, got ${errors.length === 0 ? 'no error' : `:\n  ${errors.join('\n  ')}`}`);
  }
}
