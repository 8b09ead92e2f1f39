import { TerraformStack, Testing } from 'cdktf';
import { IConstruct } from 'constructs';

/**
 * Asserts that building something and synthesizing its stack (validations
 * included) fails with `message`. Works whether a rule throws while the
 * construct is built or is registered with `node.addValidation` and runs at
 * synth, so bad-input tests don't depend on when a rule runs.
 *
 * ```ts
 * expectValidationError(() => new Queue(stack(), 'Q', { retentionDays: 99 }), 'Q: retentionDays must be 1-14 (got 99)');
 * ```
 */
export function expectValidationError(build: () => IConstruct | void, message: string | RegExp): void {
  expect(() => {
    const built = build();
    if (built) Testing.synth(TerraformStack.of(built), true);
  }).toThrow(message);
}
