import { CloudwatchLogGroup } from '@cdktf/provider-aws/lib/cloudwatch-log-group';
import { Wafv2WebAcl } from '@cdktf/provider-aws/lib/wafv2-web-acl';
import { Wafv2WebAclAssociation } from '@cdktf/provider-aws/lib/wafv2-web-acl-association';
import { Wafv2WebAclLoggingConfiguration } from '@cdktf/provider-aws/lib/wafv2-web-acl-logging-configuration';
import { Testing } from 'cdktf';
import { DEFAULT_MANAGED_RULE_GROUPS, WebAcl, WebAclProps } from '../../lib/aws/security';
import { AwsStack } from '../../lib/aws/aws-stack';
import { expectValidationError } from '../helpers';

const newStack = () => new AwsStack(Testing.app(), 'test', { architecture: 't', environment: 'prod', region: 'us-east-1', backend: { type: 'local' } });
const KEY = 'arn:aws:kms:us-east-1:111122223333:key/1234abcd-12ab-34cd-56ef-1234567890ab';
const ALB = 'arn:aws:elasticloadbalancing:us-east-1:111122223333:loadbalancer/app/prod-alb/0123456789abcdef';

const build = (props: Partial<WebAclProps> = {}) => {
  const stack = newStack();
  const acl = new WebAcl(stack, 'Waf', { name: 'prod-stockwiz-waf', ...props });
  acl.associate('Alb', ALB);
  const out = Testing.synth(stack);
  const json = JSON.parse(out);
  const resource = Object.values(json.resource.aws_wafv2_web_acl)[0] as { rule: Record<string, unknown>[] };
  return { out, rules: resource.rule };
};

describe('WebAcl', () => {
  test('regional ACL: AWS managed rule groups then a per-IP rate limit, metrics on every rule', () => {
    const { out, rules } = build({ rateLimit: 1000 });
    expect(out).toHaveResourceWithProperties(Wafv2WebAcl, {
      name: 'prod-stockwiz-waf',
      scope: 'REGIONAL',
      default_action: { allow: {} },
      visibility_config: { cloudwatch_metrics_enabled: true, sampled_requests_enabled: true, metric_name: 'prod-stockwiz-waf-all' },
    });
    expect(rules.map((r) => r.name)).toEqual([...DEFAULT_MANAGED_RULE_GROUPS, 'rate-limit-per-ip']);
    expect(DEFAULT_MANAGED_RULE_GROUPS).toEqual(expect.arrayContaining(['AWSManagedRulesCommonRuleSet', 'AWSManagedRulesKnownBadInputsRuleSet', 'AWSManagedRulesAmazonIpReputationList']));
    expect(rules[0]).toMatchObject({
      priority: 10,
      override_action: { none: {} },
      statement: { managed_rule_group_statement: { name: 'AWSManagedRulesAmazonIpReputationList', vendor_name: 'AWS' } },
      visibility_config: { cloudwatch_metrics_enabled: true, sampled_requests_enabled: true },
    });
    expect(rules[4]).toMatchObject({
      priority: 50,
      action: { block: {} },
      statement: { rate_based_statement: { limit: 1000, evaluation_window_sec: 300, aggregate_key_type: 'IP' } },
    });
  });

  test('behind a proxy the rate limit counts the forwarded client address, with invalid addresses matching', () => {
    const { rules } = build({ rateLimitKey: 'FORWARDED_IP' });
    expect(rules[4].statement).toEqual({
      rate_based_statement: {
        limit: 2000,
        evaluation_window_sec: 300,
        aggregate_key_type: 'FORWARDED_IP',
        forwarded_ip_config: { header_name: 'X-Forwarded-For', fallback_behavior: 'MATCH' },
      },
    });
    const custom = build({ rateLimitKey: 'FORWARDED_IP', forwardedIpHeader: 'True-Client-IP' });
    expect(custom.rules[4]).toMatchObject({ statement: { rate_based_statement: { forwarded_ip_config: { header_name: 'True-Client-IP' } } } });
    // the default stays the source address, without a forwarded_ip_config
    expect(build().rules[4].statement).toEqual({ rate_based_statement: { limit: 2000, evaluation_window_sec: 300, aggregate_key_type: 'IP' } });
  });

  test('countRules switch single managed rules to count', () => {
    const { rules } = build({ countRules: { AWSManagedRulesAnonymousIpList: ['HostingProviderIPList'] } });
    expect(rules[1]).toMatchObject({
      statement: { managed_rule_group_statement: { name: 'AWSManagedRulesAnonymousIpList', rule_action_override: [{ name: 'HostingProviderIPList', action_to_use: { count: {} } }] } },
    });
  });

  test('logs to aws-waf-logs-<name> with credentials redacted; associates with the ALB', () => {
    const { out } = build({ kmsKeyArn: KEY });
    expect(out).toHaveResourceWithProperties(CloudwatchLogGroup, { name: 'aws-waf-logs-prod-stockwiz-waf', retention_in_days: 365, kms_key_id: KEY });
    expect(out).toHaveResourceWithProperties(Wafv2WebAclLoggingConfiguration, {
      log_destination_configs: [expect.stringMatching(/aws_cloudwatch_log_group\.Waf_Logs_[0-9A-F]+\.arn/)],
      redacted_fields: [{ single_header: { name: 'authorization' } }, { single_header: { name: 'cookie' } }],
    });
    expect(out).toHaveResourceWithProperties(Wafv2WebAclAssociation, { resource_arn: ALB, web_acl_arn: expect.stringMatching(/aws_wafv2_web_acl\.Waf_[0-9A-F]+\.arn/) });
  });

  test.each([
    [{ name: 'prod waf' }, 'test/Waf: name must be 1-128 letters, digits, hyphens and underscores (got "prod waf")'],
    [{ rateLimit: 5 }, 'test/Waf: rateLimit must be an integer between 10 and 2000000000 (got 5)'],
    [{ rateLimitWindowSeconds: 30 }, 'test/Waf: rateLimitWindowSeconds must be 60, 120, 300 or 600 (got 30)'],
    [{ managedRuleGroups: ['AWSManagedRulesCommonRuleSet', 'AWSManagedRulesCommonRuleSet'] }, 'test/Waf: managedRuleGroups must be unique AWS managed rule group names (AWSManagedRules...) (got "AWSManagedRulesCommonRuleSet")'],
    [{ countRules: { AWSManagedRulesLinuxRuleSet: ['LFI_URIPATH'] } }, 'test/Waf: countRules must name managed rule groups of this web ACL (got "AWSManagedRulesLinuxRuleSet")'],
    [{ forwardedIpHeader: 'X-Forwarded-For' }, 'test/Waf: forwardedIpHeader needs rateLimitKey FORWARDED_IP (got "X-Forwarded-For")'],
    [{ rateLimitKey: 'FORWARDED_IP', forwardedIpHeader: 'X Forwarded' }, 'test/Waf: forwardedIpHeader must be an HTTP header name (letters, digits and hyphens, at most 255) (got "X Forwarded")'],
    [
      { rateLimitKey: 'FORWARDED_IP', scope: 'CLOUDFRONT' },
      'test/Waf: rateLimitKey FORWARDED_IP is for a REGIONAL web ACL behind a proxy: a CLOUDFRONT web ACL sees the client address itself (use IP) (got "FORWARDED_IP")',
    ],
    [{ logRetentionDays: 10 }, 'test/Waf: logRetentionDays must be one of 1, 3, 5, 7, 14, 30, 60, 90, 120, 150, 180, 365, 400, 545, 731, 1096, 1827, 2192, 2557, 2922, 3288, 3653 (got 10)'],
  ])('rejects %j', (props, message) => {
    expectValidationError(() => build(props as Partial<WebAclProps>), message);
  });
});
