import { DataAwsElbServiceAccount } from '@cdktf/provider-aws/lib/data-aws-elb-service-account';
import { Lb } from '@cdktf/provider-aws/lib/lb';
import { LbListener } from '@cdktf/provider-aws/lib/lb-listener';
import { LbListenerRule } from '@cdktf/provider-aws/lib/lb-listener-rule';
import { LbTargetGroup } from '@cdktf/provider-aws/lib/lb-target-group';
import { Route53Record } from '@cdktf/provider-aws/lib/route53-record';
import { ITerraformDependable, Token } from 'cdktf';
import { Construct } from 'constructs';
import { AwsStack } from '../aws-stack';
import type { IHostedZone } from '../dns/hosted-zone';
import { isInZone } from '../dns/names';
import { shortHash } from '../../core/naming';
import { intInRange, isPort, Rule, validateProps } from '../../core/validation';
import { AlarmStatistic, Metric } from '../monitoring/metric';
import { Connections, IConnectable } from '../network/connections';
import { Peer, Port, SecurityGroup } from '../network/security-group';
import { Placed, resolveVpcPlacement, SubnetList, VpcPlacementProps } from '../network/vpc';
import { SecureBucket } from '../storage/secure-bucket';
import { requireProps } from '../../core/validation';
import { PolicyStatement } from '../security/policy';

/** TLS policy of HTTPS listeners: TLS 1.3 and 1.2 only, forward-secret ciphers. */
export const DEFAULT_TLS_POLICY = 'ELBSecurityPolicy-TLS13-1-2-2021-06';

export interface ApplicationLoadBalancerProps extends VpcPlacementProps {
  /** Load balancer name, e.g. `dev-alb` (1-32 letters, digits and hyphens). */
  readonly name: string;
  /**
   * VPC id (target groups are created in it); older form of `vpc`.
   * @default `vpc.vpcId`
   */
  readonly vpcId?: string;
  /**
   * Subnets the load balancer lives in: at least two, in at least two AZs; older form of `vpcSubnets`.
   * @default `vpc`'s public subnets when internet-facing, otherwise its private subnets
   */
  readonly subnets?: SubnetList;
  /**
   * Security group of the load balancer. Open it to clients and connect it to the targets yourself.
   * @default a new group allowing HTTP (and HTTPS when a certificate is set) from anywhere, with no egress:
   *   connect it to the targets with `alb.securityGroup.connectTo(targetsSg, port)`
   */
  readonly securityGroup?: SecurityGroup;
  /**
   * Internet-facing (public subnets) or internal.
   * @default true
   */
  readonly internetFacing?: boolean;
  /**
   * ARN of an ACM certificate. With one, an HTTPS listener (TLS 1.2+) carries the traffic and
   * the HTTP listener only redirects to HTTPS.
   * @default no HTTPS listener: the HTTP listener serves the traffic
   */
  readonly certificateArn?: string;
  /**
   * TLS policy of the HTTPS listener.
   * @default DEFAULT_TLS_POLICY (TLS 1.3 + 1.2)
   */
  readonly sslPolicy?: string;
  /**
   * Keep an HTTP listener on port 80 (redirecting to HTTPS when a certificate is set).
   * Only meaningful with a certificate: without one, HTTP is the only listener.
   * @default true
   */
  readonly httpListener?: boolean;
  /**
   * Refuse deletion through the API (turn on in prod).
   * @default false
   */
  readonly deletionProtection?: boolean;
  /**
   * Seconds an idle connection stays open.
   * @default 60
   */
  readonly idleTimeoutSeconds?: number;
  /**
   * Bucket that receives access logs. It must use SSE-S3: ALB log delivery does not support KMS.
   * The ELB log-delivery statements are added to its policy.
   * @default a new SecureBucket (SSE-S3, versioned, TLS-only) named `<name>-access-logs-<hash>` whose logs expire after `accessLogsRetentionDays`
   */
  readonly accessLogsBucket?: SecureBucket;
  /**
   * Name of the access-log bucket created when `accessLogsBucket` is not given.
   * @default `<name>-access-logs-<6-character hash of the stack and name>`
   */
  readonly accessLogsBucketName?: string;
  /**
   * Days access logs are kept in the bucket this construct creates.
   * @default 90
   */
  readonly accessLogsRetentionDays?: number;
  /**
   * Key prefix of the access logs.
   * @default the load balancer name
   */
  readonly accessLogsPrefix?: string;
}

/** Health check of a target group. */
export interface HealthCheckProps {
  /**
   * HTTP path probed.
   * @default '/'
   */
  readonly path?: string;
  /**
   * Seconds between probes (5-300).
   * @default 30
   */
  readonly intervalSeconds?: number;
  /**
   * Seconds a probe may take (2-120, less than the interval).
   * @default 5
   */
  readonly timeoutSeconds?: number;
  /**
   * HTTP codes that mean healthy, e.g. `200` or `200-299`.
   * @default '200'
   */
  readonly matcher?: string;
  /**
   * Consecutive successes before a target is healthy (2-10).
   * @default 3
   */
  readonly healthyThreshold?: number;
  /**
   * Consecutive failures before a target is unhealthy (2-10).
   * @default 3
   */
  readonly unhealthyThreshold?: number;
}

export interface TargetGroupProps {
  /** Target group name, 1-32 letters, digits and hyphens (e.g. `dev-api-gw-tg`). */
  readonly name: string;
  /** Port the targets listen on. */
  readonly port: number;
  /**
   * `ip` for Fargate / awsvpc tasks, `instance` for EC2 instances (Auto Scaling groups).
   * @default 'ip'
   */
  readonly targetType?: 'ip' | 'instance';
  /**
   * Protocol between the load balancer and the targets.
   * @default 'HTTP'
   */
  readonly protocol?: 'HTTP' | 'HTTPS';
  /**
   * Health check.
   * @default HTTP GET / every 30 s, healthy on 200
   */
  readonly healthCheck?: HealthCheckProps;
  /**
   * Seconds connections drain before a target is deregistered.
   * @default 30
   */
  readonly deregistrationDelaySeconds?: number;
}

/**
 * A target group of an {@link ApplicationLoadBalancer} (made by `alb.addTargetGroup`).
 * Registering a target (`registerConnectable`) opens its port from the load balancer.
 */
export class TargetGroup {
  /**
   * The listener and rules that route to this group. ECS services registering in the group
   * depend on them (ECS refuses a target group that no load balancer uses yet).
   */
  public readonly routedBy: ITerraformDependable[] = [];
  public readonly arn: string;
  /** `targetgroup/<name>/<id>`, the `TargetGroup` dimension of CloudWatch metrics. */
  public readonly arnSuffix: string;

  constructor(
    public readonly resource: LbTargetGroup,
    public readonly name: string,
    public readonly port: number,
    public readonly loadBalancer: ApplicationLoadBalancer,
  ) {
    this.arn = resource.arn;
    this.arnSuffix = resource.arnSuffix;
  }

  /**
   * Opens `port` (default: the group's port) from the load balancer to `target`:
   * egress on the load balancer's group, ingress on the target's.
   */
  registerConnectable(target: IConnectable, port: Port = Port.tcp(this.port)): void {
    this.loadBalancer.connections.allowTo(target, port);
  }

  /** A metric of this group (`AWS/ApplicationELB`, dimensions `LoadBalancer` and `TargetGroup`). */
  metric(metricName: string, props: { statistic?: AlarmStatistic; periodSeconds?: number } = {}): Metric {
    return new Metric({ namespace: 'AWS/ApplicationELB', metricName, dimensions: { LoadBalancer: this.loadBalancer.arnSuffix, TargetGroup: this.arnSuffix }, ...props });
  }

  /** Unhealthy targets (maximum per minute). */
  metricUnhealthyHosts(): Metric {
    return this.metric('UnHealthyHostCount', { statistic: 'Maximum', periodSeconds: 60 });
  }

  /** Healthy targets (minimum per minute). */
  metricHealthyHosts(): Metric {
    return this.metric('HealthyHostCount', { statistic: 'Minimum', periodSeconds: 60 });
  }
}

const NAME_RE = /^[A-Za-z0-9](?:[A-Za-z0-9-]{0,30}[A-Za-z0-9])?$/;

const RULES: Rule<Placed<ApplicationLoadBalancerProps>>[] = [
  {
    rule: 'name must be 1-32 letters, digits and hyphens, not starting or ending with a hyphen',
    check: (p) => (NAME_RE.test(p.name) && !p.name.startsWith('internal-') ? undefined : p.name),
  },
  { rule: 'a load balancer needs at least two subnets', check: (p) => (p.subnets.ids.length < 2 ? p.subnets.ids : undefined) },
  { rule: 'subnets.azs must name the AZ of each subnet', check: (p) => (p.subnets.azs.length !== p.subnets.ids.length && !Token.isUnresolved(p.subnets.ids) ? p.subnets.azs : undefined) },
  { rule: 'a load balancer needs subnets in at least two availability zones', check: (p) => (new Set(p.subnets.azs).size < 2 ? p.subnets.azs : undefined) },
  { rule: 'idleTimeoutSeconds must be an integer between 1 and 4000', check: (p) => (intInRange(p.idleTimeoutSeconds ?? 1, 1, 4000) ? undefined : p.idleTimeoutSeconds) },
  {
    rule: 'accessLogsRetentionDays must be a positive integer',
    check: (p) => (intInRange(p.accessLogsRetentionDays ?? 1, 1, Number.MAX_SAFE_INTEGER) ? undefined : p.accessLogsRetentionDays),
  },
  {
    rule: 'accessLogsPrefix must not be empty, start or end with "/", nor contain "AWSLogs"',
    check: (p) => (p.accessLogsPrefix !== undefined && (p.accessLogsPrefix === '' || /^\/|\/$|AWSLogs/.test(p.accessLogsPrefix)) ? p.accessLogsPrefix : undefined),
  },
];

const TARGET_GROUP_RULES: Rule<TargetGroupProps>[] = [
  { rule: 'target group name must be 1-32 letters, digits and hyphens, not starting or ending with a hyphen', check: (p) => (NAME_RE.test(p.name) ? undefined : p.name) },
  { rule: 'target group port must be an integer between 1 and 65535', check: (p) => (isPort(p.port) ? undefined : p.port) },
  { rule: 'health check intervalSeconds must be an integer between 5 and 300', check: (p) => (intInRange(p.healthCheck?.intervalSeconds ?? 5, 5, 300) ? undefined : p.healthCheck?.intervalSeconds) },
  { rule: 'health check timeoutSeconds must be an integer between 2 and 120', check: (p) => (intInRange(p.healthCheck?.timeoutSeconds ?? 2, 2, 120) ? undefined : p.healthCheck?.timeoutSeconds) },
  {
    rule: 'health check timeoutSeconds must be shorter than intervalSeconds',
    check: (p) => ((p.healthCheck?.timeoutSeconds ?? 5) >= (p.healthCheck?.intervalSeconds ?? 30) ? p.healthCheck?.timeoutSeconds ?? 5 : undefined),
  },
  {
    rule: 'health check thresholds must be integers between 2 and 10',
    check: (p) => [p.healthCheck?.healthyThreshold, p.healthCheck?.unhealthyThreshold].find((t) => !intInRange(t ?? 2, 2, 10)),
  },
  { rule: 'health check path must start with "/"', check: (p) => (p.healthCheck?.path !== undefined && !p.healthCheck.path.startsWith('/') ? p.healthCheck.path : undefined) },
  {
    rule: 'health check matcher must be HTTP codes 200-499 such as "200", "200,302" or "200-299"',
    check: (p) => {
      const m = p.healthCheck?.matcher;
      if (m === undefined) return undefined;
      const codes = m.split(/[,-]/).map(Number);
      return /^\d{3}(?:-\d{3}|(?:,\d{3})*)$/.test(m) && codes.every((c) => c >= 200 && c <= 499) ? undefined : m;
    },
  },
  { rule: 'deregistrationDelaySeconds must be an integer between 0 and 3600', check: (p) => (intInRange(p.deregistrationDelaySeconds ?? 0, 0, 3600) ? undefined : p.deregistrationDelaySeconds) },
];

const ALIAS_RULES: Rule<{ zone: IHostedZone; recordName: string }>[] = [
  { rule: (p) => `alias name must lie in the hosted zone ${p.zone.zoneName}`, check: (p) => (isInZone(p.recordName, p.zone.zoneName) ? undefined : p.recordName) },
];

interface PathRuleInput {
  readonly paths: string[];
  readonly priority: number;
  readonly used: ReadonlySet<number>;
}

const PATH_RULES: Rule<PathRuleInput>[] = [
  { rule: 'a path rule needs 1-5 path patterns', check: (p) => (p.paths.length < 1 || p.paths.length > 5 ? p.paths : undefined) },
  { rule: 'path patterns must start with "/" and be at most 128 characters', check: (p) => p.paths.find((x) => !x.startsWith('/') || x.length > 128) },
  { rule: 'rule priority must be an integer between 1 and 50000', check: (p) => (intInRange(p.priority, 1, 50000) ? undefined : p.priority) },
  { rule: 'rule priorities must be unique on a listener', check: (p) => (p.used.has(p.priority) ? p.priority : undefined) },
];

/**
 * An Application Load Balancer with secure defaults: invalid HTTP headers
 * dropped, strictest desync mitigation, access logs to an SSE-S3 bucket whose
 * policy lets only the ELB log delivery write, HTTPS with a TLS 1.2+ policy
 * and an HTTP→HTTPS redirect when a certificate is configured.
 *
 * ```ts
 * const api = alb.addTargetGroup('Api', { name: 'dev-api-gw-tg', port: 8000, healthCheck: { path: '/health' } });
 * alb.setDefaultTargetGroup(api);
 * alb.addPathRule(['/products/*'], products, 10);
 * ```
 */
export class ApplicationLoadBalancer extends Construct implements IConnectable {
  public readonly resource: Lb;
  public readonly name: string;
  public readonly arn: string;
  /** `app/<name>/<id>`, the `LoadBalancer` dimension of CloudWatch metrics. */
  public readonly arnSuffix: string;
  public readonly dnsName: string;
  public readonly zoneId: string;
  public readonly securityGroup: SecurityGroup;
  public readonly accessLogsBucket: SecureBucket;
  /** The listener that carries traffic: HTTPS when a certificate is set, otherwise HTTP. */
  public readonly listener: LbListener;
  /** The HTTP listener (a redirect to HTTPS when a certificate is set), if any. */
  public readonly httpListener?: LbListener;
  /** The HTTPS listener, when a certificate is set. */
  public readonly httpsListener?: LbListener;
  public readonly targetGroups: TargetGroup[] = [];
  /** The load balancer's network rules (its security group). */
  public readonly connections: Connections;
  private readonly vpcId: string;
  private readonly priorities = new Set<number>();

  constructor(scope: Construct, id: string, given: ApplicationLoadBalancerProps) {
    super(scope, id);
    const props = resolveVpcPlacement(this, given, () => ({ tier: (given.internetFacing ?? true) ? 'public' : 'private' }));
    requireProps(this, props, ['name', 'vpcId', 'subnets']);
    validateProps(this, props, RULES);
    this.name = props.name;
    this.vpcId = props.vpcId;
    const https = props.certificateArn !== undefined;

    this.securityGroup = props.securityGroup ?? this.defaultSecurityGroup(props, https);
    this.connections = new Connections({ securityGroups: [this.securityGroup], owner: this });
    this.accessLogsBucket = props.accessLogsBucket ?? this.defaultLogBucket(props);
    const prefix = props.accessLogsPrefix ?? props.name;
    this.allowLogDelivery(this.accessLogsBucket, prefix);

    this.resource = new Lb(this, 'Resource', {
      name: props.name,
      loadBalancerType: 'application',
      internal: !(props.internetFacing ?? true),
      subnets: props.subnets.ids,
      securityGroups: [this.securityGroup.securityGroupId],
      dropInvalidHeaderFields: true,
      desyncMitigationMode: 'strictest',
      enableDeletionProtection: props.deletionProtection ?? false,
      idleTimeout: props.idleTimeoutSeconds ?? 60,
      accessLogs: { bucket: this.accessLogsBucket.bucketName, prefix, enabled: true },
      tags: { Name: props.name },
      // ELB checks that it may write to the bucket when access logs are turned on.
      dependsOn: this.accessLogsBucket.policyDependables,
    });
    this.arn = this.resource.arn;
    this.arnSuffix = this.resource.arnSuffix;
    this.dnsName = this.resource.dnsName;
    this.zoneId = this.resource.zoneId;

    const notFound = [{ type: 'fixed-response', fixedResponse: { contentType: 'text/plain', statusCode: '404', messageBody: 'Not Found' } }];
    if (https) {
      this.httpsListener = new LbListener(this, 'HttpsListener', {
        loadBalancerArn: this.arn,
        port: 443,
        protocol: 'HTTPS',
        sslPolicy: props.sslPolicy ?? DEFAULT_TLS_POLICY,
        certificateArn: props.certificateArn,
        defaultAction: notFound,
      });
      if (props.httpListener ?? true) {
        this.httpListener = new LbListener(this, 'HttpListener', {
          loadBalancerArn: this.arn,
          port: 80,
          protocol: 'HTTP',
          defaultAction: [{ type: 'redirect', redirect: { port: '443', protocol: 'HTTPS', statusCode: 'HTTP_301' } }],
        });
      }
      this.listener = this.httpsListener;
    } else {
      this.httpListener = new LbListener(this, 'HttpListener', { loadBalancerArn: this.arn, port: 80, protocol: 'HTTP', defaultAction: notFound });
      this.listener = this.httpListener;
    }
  }

  /** Adds a target group in the load balancer's VPC. Register targets with its `arn`. */
  addTargetGroup(id: string, props: TargetGroupProps): TargetGroup {
    const scope = new Construct(this, id);
    validateProps(scope, props, TARGET_GROUP_RULES);
    const hc = props.healthCheck ?? {};
    const protocol = props.protocol ?? 'HTTP';
    const resource = new LbTargetGroup(scope, 'Resource', {
      name: props.name,
      port: props.port,
      protocol,
      targetType: props.targetType ?? 'ip',
      vpcId: this.vpcId,
      deregistrationDelay: String(props.deregistrationDelaySeconds ?? 30),
      healthCheck: {
        enabled: true,
        protocol,
        path: hc.path ?? '/',
        port: 'traffic-port',
        interval: hc.intervalSeconds ?? 30,
        timeout: hc.timeoutSeconds ?? 5,
        matcher: hc.matcher ?? '200',
        healthyThreshold: hc.healthyThreshold ?? 3,
        unhealthyThreshold: hc.unhealthyThreshold ?? 3,
      },
      tags: { Name: props.name },
    });
    const tg = new TargetGroup(resource, props.name, props.port, this);
    this.targetGroups.push(tg);
    return tg;
  }

  /** Sends every request that matches no path rule to `targetGroup` (otherwise: a fixed 404). */
  setDefaultTargetGroup(targetGroup: TargetGroup): void {
    this.listener.putDefaultAction([{ type: 'forward', targetGroupArn: targetGroup.arn }]);
    targetGroup.routedBy.push(this.listener);
  }

  /** Forwards requests whose path matches one of `paths` (e.g. `/products/*`) to `targetGroup`. */
  addPathRule(paths: string[], targetGroup: TargetGroup, priority: number): LbListenerRule {
    validateProps(this, { paths, priority, used: this.priorities }, PATH_RULES, { eager: true }); // eager: a duplicate priority would collide as a construct id
    this.priorities.add(priority);
    const rule = new LbListenerRule(this, `Rule${priority}`, {
      listenerArn: this.listener.arn,
      priority,
      action: [{ type: 'forward', targetGroupArn: targetGroup.arn }],
      condition: [{ pathPattern: { values: paths } }],
    });
    targetGroup.routedBy.push(rule);
    return rule;
  }

  /** A metric of the load balancer (`AWS/ApplicationELB`, dimension `LoadBalancer`). */
  metric(metricName: string, props: { statistic?: AlarmStatistic; periodSeconds?: number; label?: string } = {}): Metric {
    return new Metric({ namespace: 'AWS/ApplicationELB', metricName, dimensions: { LoadBalancer: this.arnSuffix }, ...props });
  }

  /** 5xx answered by the load balancer itself (no healthy target, target unreachable), sum per 5 minutes. */
  metricHttpCodeElb5xx(): Metric {
    return this.metric('HTTPCode_ELB_5XX_Count', { statistic: 'Sum', periodSeconds: 300 });
  }

  /** 5xx returned by the targets, sum per 5 minutes. */
  metricHttpCodeTarget5xx(): Metric {
    return this.metric('HTTPCode_Target_5XX_Count', { statistic: 'Sum', periodSeconds: 300 });
  }

  /** Requests, sum per 5 minutes. */
  metricRequestCount(): Metric {
    return this.metric('RequestCount', { statistic: 'Sum' });
  }

  /** Seconds from the request leaving the load balancer to the target's response. */
  metricTargetResponseTime(): Metric {
    return this.metric('TargetResponseTime');
  }

  /** Points `recordName` (e.g. `api.example.com`) in a Route 53 hosted zone (a zone or its id) at the load balancer (A alias). */
  addDnsAlias(id: string, hostedZone: IHostedZone | string, recordName: string): Route53Record {
    if (typeof hostedZone !== 'string') validateProps(this, { zone: hostedZone, recordName }, ALIAS_RULES);
    return new Route53Record(this, id, {
      zoneId: typeof hostedZone === 'string' ? hostedZone : hostedZone.hostedZoneId,
      name: recordName,
      type: 'A',
      alias: { name: this.dnsName, zoneId: this.zoneId, evaluateTargetHealth: true },
    });
  }

  private defaultSecurityGroup(props: Placed<ApplicationLoadBalancerProps>, https: boolean): SecurityGroup {
    const sg = new SecurityGroup(this, 'SecurityGroup', { vpcId: props.vpcId, name: `${props.name}-sg`, description: `${props.name} load balancer` });
    const clients = (props.internetFacing ?? true) ? Peer.anyIpv4() : undefined;
    if (clients) {
      if (!https || (props.httpListener ?? true)) sg.allowFrom(clients, Port.tcp(80));
      if (https) sg.allowFrom(clients, Port.tcp(443));
    }
    return sg;
  }

  private defaultLogBucket(props: ApplicationLoadBalancerProps): SecureBucket {
    const bucketName = props.accessLogsBucketName ?? `${props.name}-access-logs-${shortHash(this.node.path)}`;
    // ALB log delivery supports SSE-S3 only, so this bucket never takes a KMS key.
    return new SecureBucket(this, 'AccessLogs', {
      bucketName,
      lifecycleRules: [{ id: 'expire-access-logs', expireAfterDays: props.accessLogsRetentionDays ?? 90, noncurrentExpireAfterDays: 7 }],
    });
  }

  /** The ELB log-delivery statements: the Region's ELB account (older Regions) and the log-delivery service principal (newer Regions). */
  private allowLogDelivery(bucket: SecureBucket, prefix: string): void {
    const stack = AwsStack.of(this);
    const elbAccount = new DataAwsElbServiceAccount(this, 'ElbServiceAccount', {});
    const objects = `${bucket.bucketArn}/${prefix}/AWSLogs/${stack.accountId}/*`;
    const sid = prefix.replace(/[^A-Za-z0-9]/g, '');
    bucket.addToResourcePolicy(PolicyStatement.fromJson({ Sid: `ElbLogDeliveryAccount${sid}`, Effect: 'Allow', Principal: { AWS: elbAccount.arn }, Action: 's3:PutObject', Resource: objects }));
    bucket.addToResourcePolicy(PolicyStatement.fromJson({
      Sid: `ElbLogDeliveryService${sid}`,
      Effect: 'Allow',
      Principal: { Service: 'logdelivery.elasticloadbalancing.amazonaws.com' },
      Action: 's3:PutObject',
      Resource: objects,
    }));
  }
}
