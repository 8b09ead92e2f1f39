import { RandomProvider } from '@cdktf/provider-random/lib/provider';
import { TerraformStack } from 'cdktf';
import { Construct } from 'constructs';

const RANDOM_PROVIDER_ID = 'random';

/**
 * The `random` provider of `scope`'s stack, created on first use so stacks
 * that generate no secret do not require it.
 */
export function randomProvider(scope: Construct): RandomProvider {
  const stack = TerraformStack.of(scope);
  const existing = stack.node.tryFindChild(RANDOM_PROVIDER_ID);
  if (existing instanceof RandomProvider) return existing;
  return new RandomProvider(stack, RANDOM_PROVIDER_ID);
}
