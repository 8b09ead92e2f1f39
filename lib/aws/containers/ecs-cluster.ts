import { EcsCluster as EcsClusterResource } from '@cdktf/provider-aws/lib/ecs-cluster';
import { Construct } from 'constructs';
import { Rule, validateProps } from '../../core/validation';
import { requireProps } from '../../core/validation';

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

/** An ECS cluster with CloudWatch Container Insights on. */
export class EcsCluster extends Construct {
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
}
