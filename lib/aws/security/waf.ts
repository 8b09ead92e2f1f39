import { Wafv2WebAcl } from '@cdktf/provider-aws/lib/wafv2-web-acl';
import { Wafv2WebAclAssociation } from '@cdktf/provider-aws/lib/wafv2-web-acl-association';
import { Wafv2WebAclLoggingConfiguration } from '@cdktf/provider-aws/lib/wafv2-web-acl-logging-configuration';
import { Construct } from 'constructs';
import { CLOUDWATCH_RETENTION_DAYS } from '../../core/config';
import { Rule, validateProps } from '../../core/validation';
import { LogGroup } from '../monitoring/log-group';
import { requireProps } from '../../core/validation';

/** AWS managed rule groups every web ACL gets unless told otherwise, in evaluation order. */
export const DEFAULT_MANAGED_RULE_GROUPS = [
  'AWSManagedRulesAmazonIpReputationList',
  'AWSManagedRulesAnonymousIpList',
  'AWSManagedRulesCommonRuleSet',
  'AWSManagedRulesKnownBadInputsRuleSet',
] as const;

export interface WebAclProps {
  /** Web ACL name, e.g. `prod-stockwiz-waf`; the log group is `aws-waf-logs-<name>`. */
  readonly name: string;
  /**
   * `REGIONAL` (ALB, API Gateway) or `CLOUDFRONT` (the provider must then be in us-east-1).
   * @default 'REGIONAL'
   */
  readonly scope?: 'REGIONAL' | 'CLOUDFRONT';
  /**
   * Requests one client IP may send per `rateLimitWindowSeconds` before it is blocked.
   * @default 2000
   */
  readonly rateLimit?: number;
  /**
   * Which address the rate limit counts requests per. `IP`: the connection's source address, right for a web
   * ACL that clients reach directly (CloudFront scope, a public ALB). `FORWARDED_IP`: the first address of the
   * `forwardedIpHeader` header, for a regional web ACL behind CloudFront or another proxy, whose source address
   * is the proxy's edge (one edge serves many clients, so `IP` would block them together). Requests whose header
   * holds no valid address match the rule (`fallback_behavior = MATCH`, blocked); requests without the header are
   * not rate-limited by it (CloudFront always sets `X-Forwarded-For`). The first address is the one the client
   * sent when it sets the header itself, so keep an `IP`-keyed limit at the edge (the CloudFront web ACL).
   * @default 'IP'
   */
  readonly rateLimitKey?: 'IP' | 'FORWARDED_IP';
  /**
   * Header holding the client address when `rateLimitKey` is `FORWARDED_IP`.
   * @default 'X-Forwarded-For'
   */
  readonly forwardedIpHeader?: string;
  /**
   * Window of the rate-based rule in seconds (60, 120, 300 or 600).
   * @default 300
   */
  readonly rateLimitWindowSeconds?: number;
  /**
   * AWS managed rule groups (vendor `AWS`), evaluated in this order before the rate limit.
   * @default DEFAULT_MANAGED_RULE_GROUPS (IP reputation, anonymous IPs (Tor, VPNs, hosting providers), common rule set, known bad inputs incl. Log4j)
   */
  readonly managedRuleGroups?: string[];
  /**
   * Rules of managed groups switched to `count` (observe only), by group name, for false positives.
   * @default none: every rule blocks
   */
  readonly countRules?: Record<string, string[]>;
  /**
   * Days the WAF logs are kept.
   * @default 365
   */
  readonly logRetentionDays?: number;
  /**
   * KMS key ARN of the log group.
   * @default CloudWatch Logs' service-owned encryption
   */
  readonly kmsKeyArn?: string;
  /**
   * Headers redacted from the logs.
   * @default ['authorization', 'cookie']
   */
  readonly redactedHeaders?: string[];
}

const NAME_RE = /^[A-Za-z0-9_-]{1,128}$/;

const RULES: Rule<WebAclProps>[] = [
  { rule: 'name must be 1-128 letters, digits, hyphens and underscores', check: (p) => (NAME_RE.test(p.name) ? undefined : p.name) },
  {
    rule: 'rateLimit must be an integer between 10 and 2000000000',
    check: (p) => (p.rateLimit !== undefined && !(Number.isInteger(p.rateLimit) && p.rateLimit >= 10 && p.rateLimit <= 2_000_000_000) ? p.rateLimit : undefined),
  },
  {
    rule: 'rateLimitWindowSeconds must be 60, 120, 300 or 600',
    check: (p) => (p.rateLimitWindowSeconds !== undefined && ![60, 120, 300, 600].includes(p.rateLimitWindowSeconds) ? p.rateLimitWindowSeconds : undefined),
  },
  {
    rule: 'forwardedIpHeader needs rateLimitKey FORWARDED_IP',
    check: (p) => (p.forwardedIpHeader !== undefined && p.rateLimitKey !== 'FORWARDED_IP' ? p.forwardedIpHeader : undefined),
  },
  {
    rule: 'forwardedIpHeader must be an HTTP header name (letters, digits and hyphens, at most 255)',
    check: (p) => (p.forwardedIpHeader !== undefined && !/^[A-Za-z0-9-]{1,255}$/.test(p.forwardedIpHeader) ? p.forwardedIpHeader : undefined),
  },
  {
    rule: 'rateLimitKey FORWARDED_IP is for a REGIONAL web ACL behind a proxy: a CLOUDFRONT web ACL sees the client address itself (use IP)',
    check: (p) => (p.rateLimitKey === 'FORWARDED_IP' && p.scope === 'CLOUDFRONT' ? p.rateLimitKey : undefined),
  },
  {
    rule: 'managedRuleGroups must be unique AWS managed rule group names (AWSManagedRules...)',
    check: (p) => {
      const groups = p.managedRuleGroups ?? [];
      return groups.find((g, i) => !/^AWSManagedRules[A-Za-z0-9]+$/.test(g) || groups.indexOf(g) !== i);
    },
  },
  {
    rule: 'countRules must name managed rule groups of this web ACL',
    check: (p) => Object.keys(p.countRules ?? {}).find((g) => !(p.managedRuleGroups ?? [...DEFAULT_MANAGED_RULE_GROUPS]).includes(g)),
  },
  {
    rule: `logRetentionDays must be one of ${CLOUDWATCH_RETENTION_DAYS.join(', ')}`,
    check: (p) => (p.logRetentionDays !== undefined && !(CLOUDWATCH_RETENTION_DAYS as readonly number[]).includes(p.logRetentionDays) ? p.logRetentionDays : undefined),
  },
];

/**
 * A WAFv2 web ACL: AWS managed rule groups (IP reputation, anonymous IPs,
 * common rule set, known bad inputs), a per-IP rate limit (the source address,
 * or the forwarded client address behind a proxy: `rateLimitKey`), CloudWatch metrics and sampled
 * requests on every rule, and logging to a CloudWatch log group
 * `aws-waf-logs-<name>` with the `authorization` and `cookie` headers redacted.
 * Attach it with {@link WebAcl.associate} (an ALB, API Gateway stage, ...).
 */
export class WebAcl extends Construct {
  public readonly webAcl: Wafv2WebAcl;
  public readonly arn: string;
  public readonly name: string;
  public readonly logGroup: LogGroup;

  constructor(scope: Construct, id: string, props: WebAclProps) {
    super(scope, id);
    requireProps(this, props, ['name']);
    validateProps(this, props, RULES);
    this.name = props.name;
    const metric = (suffix: string) => ({ cloudwatchMetricsEnabled: true, sampledRequestsEnabled: true, metricName: `${props.name}-${suffix}`.slice(0, 255) });
    const groups = props.managedRuleGroups ?? [...DEFAULT_MANAGED_RULE_GROUPS];

    const rules = groups.map((group, i) => ({
      name: group,
      priority: (i + 1) * 10,
      overrideAction: { none: {} },
      statement: {
        managed_rule_group_statement: {
          name: group,
          vendor_name: 'AWS',
          rule_action_override: (props.countRules?.[group] ?? []).map((name) => ({ name, action_to_use: { count: {} } })),
        },
      },
      visibilityConfig: metric(group),
    }));
    const forwarded = props.rateLimitKey === 'FORWARDED_IP';
    rules.push({
      name: 'rate-limit-per-ip',
      priority: (groups.length + 1) * 10,
      action: { block: {} },
      statement: {
        rate_based_statement: {
          limit: props.rateLimit ?? 2000,
          evaluation_window_sec: props.rateLimitWindowSeconds ?? 300,
          aggregate_key_type: forwarded ? 'FORWARDED_IP' : 'IP',
          ...(forwarded ? { forwarded_ip_config: { header_name: props.forwardedIpHeader ?? 'X-Forwarded-For', fallback_behavior: 'MATCH' } } : {}),
        },
      },
      visibilityConfig: metric('rate-limit'),
    } as never);

    this.webAcl = new Wafv2WebAcl(this, 'Resource', {
      name: props.name,
      description: `${props.name}: AWS managed rules and a per-IP rate limit`,
      scope: props.scope ?? 'REGIONAL',
      defaultAction: { allow: {} },
      rule: rules,
      visibilityConfig: metric('all'),
    });
    this.arn = this.webAcl.arn;

    // WAF only logs to CloudWatch log groups whose name starts with aws-waf-logs-.
    this.logGroup = new LogGroup(this, 'Logs', { name: `aws-waf-logs-${props.name}`, retentionDays: props.logRetentionDays ?? 365, kmsKeyArn: props.kmsKeyArn });
    new Wafv2WebAclLoggingConfiguration(this, 'Logging', {
      resourceArn: this.arn,
      logDestinationConfigs: [this.logGroup.arn],
      redactedFields: (props.redactedHeaders ?? ['authorization', 'cookie']).map((name) => ({ singleHeader: { name } })),
    });
  }

  /** Protects a regional resource (ALB, API Gateway stage, AppSync API, Cognito user pool) with this web ACL. */
  associate(id: string, resourceArn: string): Wafv2WebAclAssociation {
    return new Wafv2WebAclAssociation(this, id, { resourceArn, webAclArn: this.arn });
  }
}
