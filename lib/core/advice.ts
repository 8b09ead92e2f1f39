import { Annotations, TerraformResource, TerraformStack, Token } from 'cdktf';
import { IConstruct } from 'constructs';
import { BaseStack } from './base-stack';

/*
 * Warnings for what is allowed but unwise, added with cdktf `Annotations` and
 * printed by `synthApp` one line each. They look at the synthesized resources
 * (any construct that made them, the library's or the user's own), so they
 * cover L1 resources too.
 */

/** Log retention below this many days in a production stage is warned about. */
export const MIN_PRODUCTION_LOG_RETENTION_DAYS = 30;

interface Advice {
  /** Terraform resource types the advice looks at. */
  readonly types: readonly string[];
  /** A warning for `resource` in a production stack, or undefined. */
  readonly warn: (resource: TerraformResource & Record<string, unknown>) => string | undefined;
}

const PRODUCTION_ADVICE: Advice[] = [
  {
    types: ['aws_cloudwatch_log_group', 'azurerm_log_analytics_workspace'],
    warn: (r) => {
      const days = r.retentionInDaysInput;
      if (typeof days !== 'number' || Token.isUnresolved(days) || days === 0 || days >= MIN_PRODUCTION_LOG_RETENTION_DAYS) return undefined;
      return `log retention of ${days} days in a production stage; keep at least ${MIN_PRODUCTION_LOG_RETENTION_DAYS} days for incident investigation`;
    },
  },
  {
    types: ['aws_db_instance'],
    warn: (r) => {
      if (r.replicateSourceDbInput !== undefined || r.multiAzInput === true || Token.isUnresolved(r.multiAzInput)) return undefined;
      return 'single-AZ database in a production stage; set multiAz so a zone outage does not take it down';
    },
  },
  {
    types: ['azurerm_postgresql_flexible_server'],
    warn: (r) => (r.highAvailabilityInput === undefined ? 'PostgreSQL server without high availability in a production stage; configure zone-redundant or same-zone HA' : undefined),
  },
];

const added = new WeakSet<IConstruct>();

/** Adds the warnings of every production-stage stack of `root` (once per resource). */
export function adviseStacks(root: IConstruct): void {
  for (const stack of root.node.findAll()) {
    if (!(stack instanceof BaseStack) || !stack.isProduction) continue;
    for (const c of stack.node.findAll()) {
      if (!(c instanceof TerraformResource) || added.has(c) || TerraformStack.of(c) !== stack) continue;
      for (const advice of PRODUCTION_ADVICE) {
        if (!advice.types.includes(c.terraformResourceType)) continue;
        const text = advice.warn(c as TerraformResource & Record<string, unknown>);
        if (text !== undefined) Annotations.of(c).addWarning(text);
      }
      added.add(c);
    }
  }
}
