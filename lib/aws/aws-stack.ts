import { AwsProvider } from '@cdktf/provider-aws/lib/provider';
import { DataAwsCallerIdentity } from '@cdktf/provider-aws/lib/data-aws-caller-identity';
import { TerraformResource } from 'cdktf';
import { Construct } from 'constructs';
import { BaseStack, BaseStackProps } from '../core/base-stack';
import { AWS_REGIONS, didYouMean, isAwsRegion, isAzOfRegion } from '../core/regions';
import { Rule, validateProps, ValidationError } from '../core/validation';

const RULES: Rule<AwsStackProps>[] = [
  {
    rule: 'region must be an AWS region such as us-east-1 or eu-west-1',
    check: (p) => (typeof p.region === 'string' && isAwsRegion(p.region) ? undefined : p.region),
    hint: (bad) => didYouMean(bad, AWS_REGIONS),
  },
];

/** Resource types whose `availability_zone` must lie in the stack's region. */
const AZ_RESOURCES = new Set(['aws_subnet', 'aws_instance', 'aws_ebs_volume']);

export interface AwsStackProps extends BaseStackProps {
  /** AWS region, e.g. `us-east-1`. */
  readonly region: string;
  /**
   * Account ids the provider may act on (guards against applying to the wrong account).
   * @default any account
   */
  readonly allowedAccountIds?: string[];
}

/** Base stack for AWS architectures: provider in the configured region, backend, tags. */
export class AwsStack extends BaseStack {
  public readonly region: string;
  public readonly provider: AwsProvider;
  private callerIdentity?: DataAwsCallerIdentity;

  constructor(scope: Construct, id: string, props: AwsStackProps) {
    super(scope, id, props);
    validateProps(this, props, RULES, { eager: true }); // eager: the provider is configured with the region
    this.region = props.region;
    // At validation, every availability zone used in the stack must belong to its region.
    this.node.addValidation({ validate: () => this.azErrors() });
    this.provider = new AwsProvider(this, 'aws', {
      region: props.region,
      allowedAccountIds: props.allowedAccountIds,
    });
    // The generated provider declares the short source `aws`; spell it in full like `hashicorp/random`.
    this.addOverride('terraform.required_providers.aws.source', 'hashicorp/aws');
  }

  private azErrors(): string[] {
    const errors: string[] = [];
    for (const c of this.node.findAll()) {
      if (!(c instanceof TerraformResource) || !AZ_RESOURCES.has(c.terraformResourceType)) continue;
      const az = (c as unknown as { availabilityZoneInput?: string }).availabilityZoneInput;
      if (typeof az !== 'string' || isAzOfRegion(az, this.region)) continue;
      const hint = didYouMean(az, ['a', 'b', 'c', 'd', 'e', 'f'].map((l) => `${this.region}${l}`));
      errors.push(new ValidationError(c.node.path, `availability zone must be in the stack's region ${this.region}`, az, hint).message);
    }
    return errors;
  }

  /** The account id of the credentials in use (a data source, created once). */
  get accountId(): string {
    this.callerIdentity ??= new DataAwsCallerIdentity(this, 'caller-identity');
    return this.callerIdentity.accountId;
  }

  /** Finds the enclosing AwsStack of any construct. */
  static of(scope: Construct): AwsStack {
    let node: Construct | undefined = scope;
    while (node) {
      if (node instanceof AwsStack) return node;
      node = node.node.scope as Construct | undefined;
    }
    throw new Error(`${scope.node.path}: this construct must be created inside an AwsStack`);
  }
}
