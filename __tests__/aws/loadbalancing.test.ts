import { Lb } from '@cdktf/provider-aws/lib/lb';
import { LbListener } from '@cdktf/provider-aws/lib/lb-listener';
import { LbListenerRule } from '@cdktf/provider-aws/lib/lb-listener-rule';
import { LbTargetGroup } from '@cdktf/provider-aws/lib/lb-target-group';
import { Route53Record } from '@cdktf/provider-aws/lib/route53-record';
import { S3BucketServerSideEncryptionConfigurationA } from '@cdktf/provider-aws/lib/s3-bucket-server-side-encryption-configuration';
import { VpcSecurityGroupIngressRule } from '@cdktf/provider-aws/lib/vpc-security-group-ingress-rule';
import { Testing } from 'cdktf';
import { ApplicationLoadBalancer, ApplicationLoadBalancerProps, DEFAULT_TLS_POLICY, TargetGroupProps } from '../../lib/aws/loadbalancing';
import { SecurityGroup } from '../../lib/aws/network';
import { AwsStack } from '../../lib/aws/aws-stack';
import { expectValidationError } from '../helpers';

const newStack = () => new AwsStack(Testing.app(), 'test', { architecture: 't', environment: 'dev', region: 'us-east-1', backend: { type: 'local' } });
const base: ApplicationLoadBalancerProps = {
  name: 'dev-alb',
  vpcId: 'vpc-1',
  subnets: { ids: ['subnet-a', 'subnet-b'], azs: ['us-east-1a', 'us-east-1b'] },
};
const CERT = 'arn:aws:acm:us-east-1:111122223333:certificate/0c1f5a8e-1111-2222-3333-444455556666';

type Json = Record<string, Record<string, Record<string, unknown>>>;
const build = (props: Partial<ApplicationLoadBalancerProps> = {}) => {
  const stack = newStack();
  const alb = new ApplicationLoadBalancer(stack, 'Alb', { ...base, ...props });
  return { stack, alb };
};
const resources = (json: { resource: Json }, type: string) => Object.values(json.resource[type] ?? {});

describe('ApplicationLoadBalancer', () => {
  test('internet-facing, invalid headers dropped, access logs to an SSE-S3 bucket with the ELB log-delivery policy', () => {
    const { stack } = build();
    const out = Testing.synth(stack);
    expect(out).toHaveResourceWithProperties(Lb, {
      name: 'dev-alb',
      load_balancer_type: 'application',
      internal: false,
      subnets: ['subnet-a', 'subnet-b'],
      drop_invalid_header_fields: true,
      desync_mitigation_mode: 'strictest',
      enable_deletion_protection: false,
      access_logs: { bucket: expect.stringMatching(/aws_s3_bucket\.Alb_AccessLogs_[0-9A-F]+\.bucket/), prefix: 'dev-alb', enabled: true },
      // created after the bucket policy that lets ELB write
      depends_on: [expect.stringMatching(/^aws_s3_bucket_policy\.Alb_AccessLogs_Policy_/)],
    });
    expect(out).toHaveResourceWithProperties(S3BucketServerSideEncryptionConfigurationA, { rule: [{ apply_server_side_encryption_by_default: { sse_algorithm: 'AES256' } }] });
    const json = JSON.parse(out);
    const policy = JSON.parse((resources(json, 'aws_s3_bucket_policy')[0] as { policy: string }).policy);
    const sids = policy.Statement.map((s: { Sid: string }) => s.Sid);
    expect(sids).toEqual(['DenyInsecureTransport', 'ElbLogDeliveryAccountdevalb', 'ElbLogDeliveryServicedevalb']);
    expect(policy.Statement[1].Principal.AWS).toMatch(/data\.aws_elb_service_account\./);
    expect(policy.Statement[2].Principal.Service).toBe('logdelivery.elasticloadbalancing.amazonaws.com');
    expect(policy.Statement[2].Resource).toMatch(/\/dev-alb\/AWSLogs\/\$\{data\.aws_caller_identity\.caller-identity\.account_id\}\/\*$/);
    // the bucket's own logs expire
    const lifecycle = resources(json, 'aws_s3_bucket_lifecycle_configuration')[0] as { rule: { id: string; expiration?: { days: number }[] }[] };
    expect(lifecycle.rule.find((r) => r.id === 'expire-access-logs')?.expiration).toEqual([{ days: 90 }]);
  });

  test('without a certificate: one HTTP listener answering 404 until a default target group is set', () => {
    const { stack } = build();
    const json = JSON.parse(Testing.synth(stack));
    const listeners = resources(json, 'aws_lb_listener');
    expect(listeners).toHaveLength(1);
    expect(listeners[0]).toMatchObject({ port: 80, protocol: 'HTTP', default_action: [{ type: 'fixed-response', fixed_response: { status_code: '404' } }] });
  });

  test('the default security group opens 80 (and 443 with a certificate) to the internet', () => {
    const plain = Testing.synth(build().stack);
    expect(plain).toHaveResourceWithProperties(VpcSecurityGroupIngressRule, { from_port: 80, cidr_ipv4: '0.0.0.0/0' });
    expect(plain).not.toHaveResourceWithProperties(VpcSecurityGroupIngressRule, { from_port: 443 });
    const tls = Testing.synth(build({ certificateArn: CERT }).stack);
    expect(tls).toHaveResourceWithProperties(VpcSecurityGroupIngressRule, { from_port: 443, cidr_ipv4: '0.0.0.0/0' });
  });

  test('a given security group is used as is', () => {
    const stack = newStack();
    const sg = new SecurityGroup(stack, 'Sg', { vpcId: 'vpc-1', name: 'mine' });
    new ApplicationLoadBalancer(stack, 'Alb', { ...base, securityGroup: sg });
    const json = JSON.parse(Testing.synth(stack));
    expect(resources(json, 'aws_security_group')).toHaveLength(1);
    expect(resources(json, 'aws_lb')[0]).toMatchObject({ security_groups: [expect.stringMatching(/aws_security_group\.Sg_/)] });
  });

  test('with a certificate: HTTPS with a TLS 1.2+ policy carries traffic, HTTP redirects (Canalco: instance targets on 8000, 30 s checks)', () => {
    const { stack, alb } = build({ certificateArn: CERT, deletionProtection: true });
    const backend = alb.addTargetGroup('Backend', { name: 'canalco-backend-prod', port: 8000, targetType: 'instance', healthCheck: { path: '/health', intervalSeconds: 30 } });
    alb.setDefaultTargetGroup(backend);
    alb.addPathRule(['/api/*'], backend, 10);
    const out = Testing.synth(stack);
    expect(out).toHaveResourceWithProperties(Lb, { enable_deletion_protection: true });
    expect(out).toHaveResourceWithProperties(LbListener, {
      port: 443,
      protocol: 'HTTPS',
      ssl_policy: DEFAULT_TLS_POLICY,
      certificate_arn: CERT,
      default_action: [{ type: 'forward', target_group_arn: expect.stringMatching(/aws_lb_target_group\.Alb_Backend_[0-9A-F]+\.arn/) }],
    });
    expect(out).toHaveResourceWithProperties(LbListener, { port: 80, protocol: 'HTTP', default_action: [{ type: 'redirect', redirect: { port: '443', protocol: 'HTTPS', status_code: 'HTTP_301' } }] });
    expect(out).toHaveResourceWithProperties(LbTargetGroup, {
      name: 'canalco-backend-prod',
      port: 8000,
      protocol: 'HTTP',
      target_type: 'instance',
      health_check: expect.objectContaining({ enabled: true, path: '/health', interval: 30, matcher: '200', port: 'traffic-port' }),
    });
    expect(out).toHaveResourceWithProperties(LbListenerRule, { listener_arn: expect.stringMatching(/aws_lb_listener\.Alb_HttpsListener_/), priority: 10 });
    expect(alb.listener).toBe(alb.httpsListener);
    expect(backend.routedBy).toHaveLength(2);
  });

  test('httpListener: false leaves only HTTPS', () => {
    const { stack } = build({ certificateArn: CERT, httpListener: false });
    expect(resources(JSON.parse(Testing.synth(stack)), 'aws_lb_listener')).toEqual([expect.objectContaining({ port: 443 })]);
  });

  test('target groups default to ip targets and a / health check every 30 s; path rules forward by path', () => {
    const { stack, alb } = build();
    const api = alb.addTargetGroup('Api', { name: 'dev-api-gw-tg', port: 8000 });
    const products = alb.addTargetGroup('Products', { name: 'dev-product-svc-tg', port: 8001, healthCheck: { path: '/health', matcher: '200-299', intervalSeconds: 15 } });
    alb.setDefaultTargetGroup(api);
    alb.addPathRule(['/products/*'], products, 10);
    const out = Testing.synth(stack);
    expect(out).toHaveResourceWithProperties(LbTargetGroup, { name: 'dev-api-gw-tg', target_type: 'ip', deregistration_delay: '30', health_check: expect.objectContaining({ path: '/', interval: 30, timeout: 5, healthy_threshold: 3, unhealthy_threshold: 3 }) });
    expect(out).toHaveResourceWithProperties(LbTargetGroup, { name: 'dev-product-svc-tg', health_check: expect.objectContaining({ path: '/health', matcher: '200-299', interval: 15 }) });
    expect(out).toHaveResourceWithProperties(LbListenerRule, {
      priority: 10,
      action: [{ type: 'forward', target_group_arn: expect.stringMatching(/Alb_Products_/) }],
      condition: [{ path_pattern: { values: ['/products/*'] } }],
    });
    expect(out).toHaveResourceWithProperties(LbListener, { port: 80, default_action: [{ type: 'forward', target_group_arn: expect.stringMatching(/Alb_Api_/) }] });
  });

  test('addDnsAlias points a record at the load balancer', () => {
    const { stack, alb } = build();
    alb.addDnsAlias('Dns', 'Z123ABC', 'api.example.com');
    expect(Testing.synth(stack)).toHaveResourceWithProperties(Route53Record, { zone_id: 'Z123ABC', name: 'api.example.com', type: 'A', alias: { evaluate_target_health: true, name: expect.stringMatching(/aws_lb\.Alb_[0-9A-F]+\.dns_name/), zone_id: expect.stringMatching(/aws_lb\.Alb_[0-9A-F]+\.zone_id/) } });
  });

  test.each([
    [{ name: 'an-alb-name-that-is-far-too-long-x' }, 'test/Alb: name must be 1-32 letters, digits and hyphens, not starting or ending with a hyphen (got "an-alb-name-that-is-far-too-long-x")'],
    [{ subnets: { ids: ['subnet-a'], azs: ['us-east-1a'] } }, 'test/Alb: a load balancer needs at least two subnets (got ["subnet-a"])'],
    [{ subnets: { ids: ['subnet-a', 'subnet-b'], azs: ['us-east-1a'] } }, 'test/Alb: subnets.azs must name the AZ of each subnet (got ["us-east-1a"])'],
    [{ subnets: { ids: ['subnet-a', 'subnet-b'], azs: ['us-east-1a', 'us-east-1a'] } }, 'test/Alb: a load balancer needs subnets in at least two availability zones (got ["us-east-1a","us-east-1a"])'],
    [{ idleTimeoutSeconds: 0 }, 'test/Alb: idleTimeoutSeconds must be an integer between 1 and 4000 (got 0)'],
    [{ accessLogsRetentionDays: 0 }, 'test/Alb: accessLogsRetentionDays must be a positive integer (got 0)'],
    [{ accessLogsPrefix: 'logs/AWSLogs' }, 'test/Alb: accessLogsPrefix must not be empty, start or end with "/", nor contain "AWSLogs" (got "logs/AWSLogs")'],
  ])('rejects %j', (props, message) => {
    expectValidationError(() => build(props as Partial<ApplicationLoadBalancerProps>), message);
  });

  const tg: TargetGroupProps = { name: 'dev-api-gw-tg', port: 8000 };
  test.each([
    [{ name: 'dev-api-gateway-target-group-name-x' }, 'test/Alb/Tg: target group name must be 1-32 letters, digits and hyphens, not starting or ending with a hyphen (got "dev-api-gateway-target-group-name-x")'],
    [{ port: 70000 }, 'test/Alb/Tg: target group port must be an integer between 1 and 65535 (got 70000)'],
    [{ healthCheck: { intervalSeconds: 400 } }, 'test/Alb/Tg: health check intervalSeconds must be an integer between 5 and 300 (got 400)'],
    [{ healthCheck: { timeoutSeconds: 1 } }, 'test/Alb/Tg: health check timeoutSeconds must be an integer between 2 and 120 (got 1)'],
    [{ healthCheck: { intervalSeconds: 10, timeoutSeconds: 10 } }, 'test/Alb/Tg: health check timeoutSeconds must be shorter than intervalSeconds (got 10)'],
    [{ healthCheck: { unhealthyThreshold: 11 } }, 'test/Alb/Tg: health check thresholds must be integers between 2 and 10 (got 11)'],
    [{ healthCheck: { path: 'health' } }, 'test/Alb/Tg: health check path must start with "/" (got "health")'],
    [{ healthCheck: { matcher: '200-600' } }, 'test/Alb/Tg: health check matcher must be HTTP codes 200-499 such as "200", "200,302" or "200-299" (got "200-600")'],
    [{ deregistrationDelaySeconds: 4000 }, 'test/Alb/Tg: deregistrationDelaySeconds must be an integer between 0 and 3600 (got 4000)'],
  ])('rejects target group %j', (props, message) => {
    const { alb } = build();
    expectValidationError(() => alb.addTargetGroup('Tg', { ...tg, ...(props as Partial<TargetGroupProps>) }), message);
  });

  describe('target group port boundaries (1-65535)', () => {
    test.each([1, 65535])('accepts %d', (port) => {
      const { stack, alb } = build();
      alb.addTargetGroup('Tg', { ...tg, port });
      expect(Testing.synth(stack)).toHaveResourceWithProperties(LbTargetGroup, { port });
    });
    test.each([0, -1, 8000.5, 65536])('rejects %d', (port) => {
      const { alb } = build();
      expectValidationError(() => alb.addTargetGroup('Tg', { ...tg, port }), `test/Alb/Tg: target group port must be an integer between 1 and 65535 (got ${port})`);
    });
  });

  test.each([
    [[], 10, 'test/Alb: a path rule needs 1-5 path patterns (got [])'],
    [['products/*'], 10, 'test/Alb: path patterns must start with "/" and be at most 128 characters (got "products/*")'],
    [['/x'], 0, 'test/Alb: rule priority must be an integer between 1 and 50000 (got 0)'],
    [['/x'], 10, 'test/Alb: rule priorities must be unique on a listener (got 10)'],
  ])('rejects path rule %j priority %d', (paths, priority, message) => {
    const { alb } = build();
    const t = alb.addTargetGroup('Tg', tg);
    alb.addPathRule(['/first/*'], t, 10);
    expectValidationError(() => alb.addPathRule(paths as string[], t, priority as number), message);
  });
});
