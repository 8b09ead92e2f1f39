import { TerraformStack } from 'cdktf';
import { IConstruct } from 'constructs';

/** `error` fails synth (nothing is written); `warning` prints one line and is reported. */
export type Severity = 'error' | 'warning';

/**
 * The protection level a stack is held to. `production` adds the protection
 * rules (deletion protection, `prevent_destroy`, locks, WAF on entry points).
 */
export type Stage = 'production' | 'non-production';

/** One synthesized resource, as the rules see it. */
export interface ResourceView {
  /** Terraform type, e.g. `aws_s3_bucket`. */
  readonly type: string;
  /** Logical name in the JSON (`resource.<type>.<name>`). */
  readonly name: string;
  /** `<type>.<name>`, the Terraform (and checkov) address. */
  readonly address: string;
  /** Construct path, e.g. `stockwiz-prod/Alb/AccessLogs/Resource`. */
  readonly path: string;
  /** The resolved attributes of the resource as synthesized (references stay `${...}` strings). */
  readonly attrs: Record<string, unknown>;
  /** The construct, when the tree has one for this resource. */
  readonly construct?: IConstruct;
}

/** What a rule may look at besides the resource itself. */
export interface RuleContext {
  /** The stack (absent when rules run over plain Terraform JSON, `checkTerraform`). */
  readonly stack?: TerraformStack;
  readonly stage: Stage;
  /** Every managed resource of the stack. */
  readonly resources: readonly ResourceView[];
  /** Resources of one type. */
  byType(type: string): readonly ResourceView[];
  /**
   * Resources of `type` that reference `target` (`${<target address>.` anywhere
   * in their attributes, or in `attr` only when given).
   */
  referencing(target: ResourceView, type: string | readonly string[], attr?: string): readonly ResourceView[];
  /** Every resource that references `target`. */
  referencedBy(target: ResourceView): readonly ResourceView[];
  /** Stack settings rules may read (e.g. `privateEndpoints: true`). */
  readonly settings: Readonly<Record<string, unknown>>;
}

/**
 * A failed check: the offending attribute (dotted path, e.g.
 * `versioning_configuration.0.status`) and the value found (`undefined` when
 * the attribute is missing). `detail` adds free text to the message.
 */
export interface Violation {
  readonly attribute: string;
  readonly value: unknown;
  readonly detail?: string;
}

/** A policy rule over synthesized resources. */
export interface PolicyRule {
  /** Stable id: `<CLOUD>-<SERVICE>-<NNN>`, e.g. `AWS-S3-001`, `AZ-KV-002`. */
  readonly id: string;
  readonly severity: Severity;
  /** Terraform resource types the rule reads. */
  readonly resourceTypes: readonly string[];
  /** What it checks, one line (used in messages and the catalog). */
  readonly description: string;
  /** The fix, one line. */
  readonly fix: string;
  /** Checkov ids that check the same thing. */
  readonly checkov?: readonly string[];
  /**
   * Only evaluated for stacks of this stage.
   * @default every stage
   */
  readonly stage?: Stage;
  /** Returns nothing when the resource passes, else one or more violations. */
  check(resource: ResourceView, ctx: RuleContext): Violation | readonly Violation[] | undefined;
}

/** A named set of rules. */
export interface PolicyPack {
  readonly name: string;
  readonly rules: readonly PolicyRule[];
}

/** A suppression declared in code, next to the construct it excuses. */
export interface Suppression {
  /** `rule` suppresses one of our rules (and its checkov ids); `checkov` a checkov id only. */
  readonly kind: 'rule' | 'checkov';
  /** Rule id or checkov id. */
  readonly id: string;
  readonly reason: string;
  /** The construct (its children are covered too). */
  readonly construct: IConstruct;
}

/** One row of a stack report. */
export interface Finding {
  readonly ruleId: string;
  readonly severity: Severity;
  readonly address: string;
  readonly path: string;
  readonly result: 'fail' | 'suppressed';
  readonly message: string;
  readonly fix: string;
  readonly checkov: readonly string[];
  readonly attribute?: string;
  readonly value?: unknown;
  /** The reason of the suppression that excused it. */
  readonly suppression?: string;
}

/** The result of evaluating one stack. */
export interface StackReport {
  readonly stack: string;
  readonly stage: Stage;
  readonly packs: readonly string[];
  readonly rules: number;
  readonly resources: number;
  /** Rule evaluations that ran (resource x applicable rule). */
  readonly checks: number;
  readonly findings: readonly Finding[];
  /** Suppressions under this stack that excused nothing (each is a warning). */
  readonly unusedSuppressions: readonly { readonly id: string; readonly path: string; readonly reason: string }[];
  /** Suppressions of checkov ids (rule suppressions included through their mapping), for the skip list. */
  readonly checkovSuppressions: readonly { readonly id: string; readonly path: string; readonly reason: string }[];
  readonly errors: readonly string[];
  readonly warnings: readonly string[];
}
