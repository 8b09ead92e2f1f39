import { EcsCluster as EcsClusterResource } from '@cdktf/provider-aws/lib/ecs-cluster';
import { Token } from 'cdktf';
import { Construct } from 'constructs';
import { Rule, validateProps } from '../../core/validation';
import { requireProps } from '../../core/validation';
import { AwsStack } from '../aws-stack';

export interface EcsClusterProps {
  /** Cluster name, e.g. `dev-cluster`. */
  readonly name: string;
  /**
   * CloudWatch Container Insights: `enhanced` adds task- and container-level metrics.
   * @default 'enabled'
   */
  readonly containerInsights?: 'enabled' | 'enhanced' | 'disabled';
}

const RULES: Rule<EcsClusterProps>[] = [
  { rule: 'name must be 1-255 letters, digits, hyphens and underscores', check: (p) => (/^[A-Za-z0-9_-]{1,255}$/.test(p.name) ? undefined : p.name) },
];

/** An ECS cluster, created here (`EcsCluster`) or imported (`EcsCluster.fromAttributes`). */
export interface ICluster {
  readonly clusterName: string;
  readonly clusterArn: string;
}

export interface EcsClusterAttributes {
  /** Name of the existing cluster. */
  readonly clusterName: string;
  /**
   * ARN of the cluster.
   * @default built from the name, this stack's Region and account
   */
  readonly clusterArn?: string;
}

const ATTRIBUTE_RULES: Rule<EcsClusterAttributes>[] = [
  { rule: 'clusterName must be 1-255 letters, digits, hyphens and underscores', check: (p) => (Token.isUnresolved(p.clusterName) || /^[A-Za-z0-9_-]{1,255}$/.test(p.clusterName) ? undefined : p.clusterName) },
  {
    rule: 'clusterArn must be an ECS cluster ARN (arn:aws:ecs:<region>:<account>:cluster/<name>)',
    check: (p) => (p.clusterArn === undefined || Token.isUnresolved(p.clusterArn) || /^arn:aws[a-z-]*:ecs:[a-z0-9-]+:\d{12}:cluster\/[A-Za-z0-9_-]{1,255}$/.test(p.clusterArn) ? undefined : p.clusterArn),
  },
];

class ImportedCluster extends Construct implements ICluster {
  public readonly clusterName: string;
  public readonly clusterArn: string;

  constructor(scope: Construct, id: string, attrs: EcsClusterAttributes) {
    super(scope, id);
    requireProps(this, attrs, ['clusterName']);
    validateProps(this, attrs, ATTRIBUTE_RULES);
    const stack = AwsStack.of(this);
    this.clusterName = attrs.clusterName;
    this.clusterArn = attrs.clusterArn ?? `arn:aws:ecs:${stack.region}:${stack.accountId}:cluster/${attrs.clusterName}`;
  }

  /** Same as `clusterName` (the `EcsCluster` spelling). */
  get name(): string {
    return this.clusterName;
  }

  /** Same as `clusterArn` (the `EcsCluster` spelling). */
  get arn(): string {
    return this.clusterArn;
  }
}

/** An ECS cluster with CloudWatch Container Insights on. */
export class EcsCluster extends Construct implements ICluster {
  /** An existing cluster by name (and ARN); nothing is created. */
  static fromAttributes(scope: Construct, id: string, attrs: EcsClusterAttributes): ICluster & { readonly name: string; readonly arn: string } {
    return new ImportedCluster(scope, id, attrs);
  }

  public readonly cluster: EcsClusterResource;
  public readonly name: string;
  public readonly arn: string;

  constructor(scope: Construct, id: string, props: EcsClusterProps) {
    super(scope, id);
    requireProps(this, props, ['name']);
    validateProps(this, props, RULES);
    this.cluster = new EcsClusterResource(this, 'Resource', {
      name: props.name,
      setting: [{ name: 'containerInsights', value: props.containerInsights ?? 'enabled' }],
    });
    this.name = this.cluster.name;
    this.arn = this.cluster.arn;
  }

  get clusterName(): string {
    return this.name;
  }

  get clusterArn(): string {
    return this.arn;
  }
}
