import { Aspects, TerraformStack } from 'cdktf';
import { Construct } from 'constructs';
import { configureBackend } from './backend';
import { BackendConfig } from './config';
import { Naming } from './naming';
import { standardTags, TagsAspect } from './tags';

export interface BaseStackProps {
  /** Architecture name, e.g. `stockwiz`. */
  readonly architecture: string;
  /** Environment name, e.g. `dev`. */
  readonly environment: string;
  /** Where Terraform state lives. */
  readonly backend: BackendConfig;
  /**
   * State key inside the backend.
   * @default `<environment>/terraform.tfstate` for S3 (seed 003's layout), `<stack id>.tfstate` otherwise
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
  public readonly naming: Naming;
  public readonly tags: Readonly<Record<string, string>>;

  constructor(scope: Construct, id: string, props: BaseStackProps) {
    super(scope, id);
    this.architecture = props.architecture;
    this.environment = props.environment;
    this.naming = new Naming(props.architecture, props.environment);
    this.tags = standardTags(props.architecture, props.environment, props.tags);
    Aspects.of(this).add(new TagsAspect(this.tags));
    const key = props.stateKey ?? (props.backend.type === 's3' ? `${props.environment}/terraform.tfstate` : `${id}.tfstate`);
    configureBackend(this, props.backend, key);
  }
}
