import { Construct } from 'constructs';
import { AzureStack } from '../azure-stack';
import { AzureResourceKind, validateAzureName } from './naming';

/** Name and placement props shared by Azure constructs. */
export interface AzureResourceProps {
  /**
   * Resource name, checked against the service's naming rules.
   * @default the CAF name from the stack's `azureNaming` (`<abbr>-<workload>[-<nameQualifier>]-<env>-<region>`, plus a hash where the name must be globally unique)
   */
  readonly name?: string;
  /**
   * Extra part of the generated name, to tell apart several resources of one kind in a stack
   * (`static` → `stpersonaltechstaticdeveus…`). Ignored when `name` is set.
   * @default none
   */
  readonly nameQualifier?: string;
  /**
   * Azure region.
   * @default the stack's location
   */
  readonly location?: string;
  /**
   * Resource group.
   * @default the stack's resource group
   */
  readonly resourceGroupName?: string;
}

/** Resolved placement of one resource. */
export interface Placement {
  readonly stack: AzureStack;
  readonly name: string;
  readonly location: string;
  readonly resourceGroupName: string;
}

/**
 * Resolves name, location and resource group for a construct, validates the
 * name against `kind`'s rules (the error names `scope`'s path), and adds the
 * service's resource provider namespace to the stack's registrations.
 */
export function resolvePlacement(scope: Construct, kind: AzureResourceKind, props: AzureResourceProps, resourceProvider?: string): Placement {
  const stack = AzureStack.of(scope);
  const name = props.name ?? stack.azureNaming.name(kind, ...(props.nameQualifier ? [props.nameQualifier] : []));
  validateAzureName(scope, kind, name);
  if (resourceProvider) stack.requireResourceProvider(resourceProvider);
  return { stack, name, location: props.location ?? stack.location, resourceGroupName: props.resourceGroupName ?? stack.resourceGroupName };
}
