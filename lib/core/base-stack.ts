import { Aspects, TerraformOutput, TerraformStack } from 'cdktf';
import { Construct } from 'constructs';
import { configureBackend } from './backend';
import { BackendConfig } from './config';
import { Naming } from './naming';
import { standardTags, TagsAspect } from './tags';
import { Rule, validateProps } from './validation';

/**
 * How much a stack is protected. `production` turns on deletion protection,
 * `prevent_destroy`, purge protection, locks and geo-redundancy where the
 * service has them; it is a setting, never inferred from the environment name.
 */
export type Stage = 'production' | 'non-production';

/** Environment names: lower-case letters and digits, starting with a letter, 2-12 characters (they go into resource names). */
export const ENVIRONMENT_NAME = /^[a-z][a-z0-9]{1,11}$/;

/**
 * `terraform { required_version }` of every stack: the S3 backend's
 * `use_lockfile` needs Terraform 1.10 (azurerm 4.x alone would need 1.3), and
 * one floor for all stacks keeps one Terraform binary for the whole project.
 */
export const REQUIRED_TERRAFORM_VERSION = '>= 1.10.0';

const RULES: Rule<BaseStackProps>[] = [
  { rule: 'environment must be 2-12 lower-case letters and digits, starting with a letter', check: (p) => (typeof p.environment === 'string' && ENVIRONMENT_NAME.test(p.environment) ? undefined : p.environment) },
  {
    rule: "stage must be 'production' or 'non-production'",
    check: (p) => (p.stage === undefined || p.stage === 'production' || p.stage === 'non-production' ? undefined : p.stage),
  },
];

export interface BaseStackProps {
  /** Architecture name, e.g. `stockwiz`. */
  readonly architecture: string;
  /** Environment name, e.g. `dev`. */
  readonly environment: string;
  /**
   * Protection level of the stack (see {@link Stage}).
   * @default 'non-production'
   */
  readonly stage?: Stage;
  /** Where Terraform state lives. */
  readonly backend: BackendConfig;
  /**
   * State key inside the backend (the backend's `keyPrefix` is prepended).
   * @default the backend config's `key` (with `{stack}`, `{environment}`, `{architecture}` filled in),
   * else `<stack id>/terraform.tfstate` for S3 and `<stack id>.tfstate` for azurerm
   */
  readonly stateKey?: string;
  /**
   * Tags added to every taggable resource, on top of `architecture`, `environment` and `managed-by`.
   * @default none
   */
  readonly tags?: Record<string, string>;
}

/**
 * Common base of every stack: environment, naming, the tags aspect and the
 * backend. Cloud-specific bases (`AwsStack`, `AzureStack`) add the provider.
 */
export abstract class BaseStack extends TerraformStack {
  public readonly architecture: string;
  public readonly environment: string;
  /** Protection level, set explicitly (`stage` prop). */
  public readonly stage: Stage;
  public readonly naming: Naming;
  public readonly tags: Readonly<Record<string, string>>;

  constructor(scope: Construct, id: string, props: BaseStackProps) {
    super(scope, id);
    validateProps(this, props, RULES);
    this.stage = props.stage ?? 'non-production';
    this.architecture = props.architecture;
    this.environment = props.environment;
    this.naming = new Naming(props.architecture, props.environment);
    this.tags = standardTags(props.architecture, props.environment, props.tags);
    Aspects.of(this).add(new TagsAspect(this.tags));
    const template = props.stateKey ?? (props.backend.type === 'local' ? undefined : props.backend.key) ?? (props.backend.type === 's3' ? '{stack}/terraform.tfstate' : '{stack}.tfstate');
    const key = template.replace(/\{(stack|environment|architecture)\}/g, (_, v: string) => (v === 'stack' ? id : v === 'environment' ? props.environment : props.architecture));
    configureBackend(this, props.backend, key);
    // Not a typed field of TerraformStack in cdktf 0.21.
    this.addOverride('terraform.required_version', REQUIRED_TERRAFORM_VERSION);
  }

  /**
   * Adds the Terraform output `name` (`terraform output <name>`): what the stack's
   * user reaches next (hostnames, endpoints, names). Constructs expose the
   * attributes, the stack decides which become outputs. Never pass a secret:
   * an output is printed in plain text by `terraform output` and CI logs.
   */
  output(name: string, value: unknown, description: string): TerraformOutput {
    return new TerraformOutput(this, name, { value, description });
  }

  /** True for the `production` stage. */
  get isProduction(): boolean {
    return this.stage === 'production';
  }
}
