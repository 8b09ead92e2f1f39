import { AwsProvider } from '@cdktf/provider-aws/lib/provider';
import { DataAwsCallerIdentity } from '@cdktf/provider-aws/lib/data-aws-caller-identity';
import { Construct } from 'constructs';
import { BaseStack, BaseStackProps } from './base-stack';

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
    this.region = props.region;
    this.provider = new AwsProvider(this, 'aws', {
      region: props.region,
      allowedAccountIds: props.allowedAccountIds,
    });
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
