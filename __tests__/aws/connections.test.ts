import { Testing } from 'cdktf';
import { ApplicationLoadBalancer } from '../../lib/aws/loadbalancing';
import { AlarmTopic } from '../../lib/aws/monitoring';
import { Connections, Peer, Port, SecurityGroup } from '../../lib/aws/network';
import { AwsStack } from '../../lib/aws/aws-stack';
import { ValidationError } from '../../lib/core/validation';
import { expectValidationError } from '../helpers';

const newStack = () => new AwsStack(Testing.app(), 'test', { architecture: 't', environment: 'dev', region: 'us-east-1', backend: { type: 'local' } });
type Rule = { security_group_id: string; from_port: number; to_port: number; referenced_security_group_id?: string; cidr_ipv4?: string };
const rules = (json: { resource: Record<string, Record<string, Rule>> }, type: string) =>
  Object.values(json.resource[type] ?? {}).map((r) => [r.security_group_id, r.from_port, r.to_port, r.referenced_security_group_id ?? r.cidr_ipv4]);
const ref = (id: string) => `\${aws_security_group.${id}.id}`;

describe('Connections', () => {
  test('between two connectables a rule opens both sides: egress on the client, ingress on the server', () => {
    const stack = newStack();
    const client = new SecurityGroup(stack, 'Client', { vpcId: 'vpc-1', name: 'client' });
    const server = new SecurityGroup(stack, 'Server', { vpcId: 'vpc-1', name: 'server' });
    new Connections({ securityGroups: [server], defaultPort: Port.tcp(5432) }).allowDefaultPortFrom(client);
    const json = JSON.parse(Testing.synth(stack));
    const ids = Object.keys(json.resource.aws_security_group);
    const [c, s] = [ids.find((i) => i.startsWith('Client'))!, ids.find((i) => i.startsWith('Server'))!];
    expect(rules(json, 'aws_vpc_security_group_ingress_rule')).toEqual([[ref(s), 5432, 5432, ref(c)]]);
    expect(rules(json, 'aws_vpc_security_group_egress_rule')).toEqual([[ref(c), 5432, 5432, ref(s)]]);
  });

  test('a peer that is an address opens only this side; allowTo a connectable is its allowFrom', () => {
    const stack = newStack();
    const a = new SecurityGroup(stack, 'A', { vpcId: 'vpc-1', name: 'a' });
    const b = new SecurityGroup(stack, 'B', { vpcId: 'vpc-1', name: 'b' });
    a.connections.allowFrom(Peer.anyIpv4(), Port.tcp(443)).allowTo(b, Port.tcp(8000));
    const json = JSON.parse(Testing.synth(stack));
    const ingress = rules(json, 'aws_vpc_security_group_ingress_rule');
    expect(ingress).toHaveLength(2);
    expect(ingress).toContainEqual([expect.stringMatching(/\.A_/), 443, 443, '0.0.0.0/0']);
    expect(ingress).toContainEqual([expect.stringMatching(/\.B_/), 8000, 8000, expect.stringMatching(/\.A_/)]);
    expect(rules(json, 'aws_vpc_security_group_egress_rule')).toEqual([[expect.stringMatching(/\.A_/), 8000, 8000, expect.stringMatching(/\.B_/)]]);
  });

  test('allowDefaultPortFrom without a default port is a validation error naming the construct and the fix', () => {
    const stack = newStack();
    const a = new SecurityGroup(stack, 'A', { vpcId: 'vpc-1', name: 'a' });
    const message = 'test/A: allowDefaultPortFrom needs a default port and this construct has none: name the port with allowFrom(other, Port.tcp(<port>)) (got undefined)';
    expect(() => a.connections.allowDefaultPortFrom(Peer.anyIpv4())).toThrow(ValidationError);
    expectValidationError(() => a.connections.allowDefaultPortFrom(Peer.anyIpv4()), message);
    // The owner is named when given (a service's groups are not the service), and allowToDefaultPort reports the target.
    const owner = new SecurityGroup(stack, 'Owner', { vpcId: 'vpc-1', name: 'owner' });
    const owned = new Connections({ securityGroups: [a], owner });
    expectValidationError(() => owned.allowDefaultPortFrom(Peer.anyIpv4()), message.replace('test/A:', 'test/Owner:'));
    expectValidationError(() => new Connections({ securityGroups: [owner] }).allowToDefaultPort(owned), message.replace('test/A:', 'test/Owner:'));
  });

  describe('port boundaries on security groups (Port: integers 0-65535)', () => {
    test.each([0, 65535])('accepts %d (TCP)', (port) => {
      const stack = newStack();
      new SecurityGroup(stack, 'A', { vpcId: 'vpc-1', name: 'a' }).connections.allowFrom(Peer.cidr('10.0.0.0/16'), Port.tcp(port));
      expect(rules(JSON.parse(Testing.synth(stack)), 'aws_vpc_security_group_ingress_rule')).toEqual([[expect.stringMatching(/\.A_/), port, port, '10.0.0.0/16']]);
    });
    test('accepts the full range 0-65535', () => {
      const stack = newStack();
      new SecurityGroup(stack, 'A', { vpcId: 'vpc-1', name: 'a' }).connections.allowFrom(Peer.cidr('10.0.0.0/16'), Port.tcpRange(0, 65535));
      expect(rules(JSON.parse(Testing.synth(stack)), 'aws_vpc_security_group_ingress_rule')).toEqual([[expect.stringMatching(/\.A_/), 0, 65535, '10.0.0.0/16']]);
    });
    test.each([-1, 443.5, 65536])('rejects %d', (port) => {
      const stack = newStack();
      const a = new SecurityGroup(stack, 'A', { vpcId: 'vpc-1', name: 'a' });
      expectValidationError(() => a.connections.allowFrom(Peer.anyIpv4(), Port.tcp(port)), `test/A: port must be an integer between 0 and 65535 (got ${port})`);
      expectValidationError(() => a.connections.allowFrom(Peer.anyIpv4(), Port.tcpRange(443, port)), `test/A: port must be an integer between 0 and 65535 (got ${port})`);
    });
  });

  test('registering a connectable in a target group opens the group\'s port from the load balancer', () => {
    const stack = newStack();
    const alb = new ApplicationLoadBalancer(stack, 'Alb', { name: 'alb', vpcId: 'vpc-1', subnets: { ids: ['s1', 's2'], azs: ['a', 'b'] } });
    const targets = new SecurityGroup(stack, 'Targets', { vpcId: 'vpc-1', name: 'targets' });
    alb.addTargetGroup('Tg', { name: 'tg', port: 8080 }).registerConnectable(targets);
    const json = JSON.parse(Testing.synth(stack));
    expect(rules(json, 'aws_vpc_security_group_egress_rule')).toEqual([[expect.stringMatching(/Alb_SecurityGroup_/), 8080, 8080, expect.stringMatching(/\.Targets_/)]]);
    expect(rules(json, 'aws_vpc_security_group_ingress_rule')).toContainEqual([expect.stringMatching(/\.Targets_/), 8080, 8080, expect.stringMatching(/Alb_SecurityGroup_/)]);
  });
});

describe('metrics on constructs', () => {
  test('alb.metricHttpCodeElb5xx and targetGroup.metricUnhealthyHosts carry the dimensions CloudWatch publishes; createAlarm makes the alarm', () => {
    const stack = newStack();
    const alb = new ApplicationLoadBalancer(stack, 'Alb', { name: 'alb', vpcId: 'vpc-1', subnets: { ids: ['s1', 's2'], azs: ['a', 'b'] } });
    const tg = alb.addTargetGroup('Tg', { name: 'tg', port: 8080 });
    const topic = new AlarmTopic(stack, 'Topic', { name: 'alerts' });
    alb.metricHttpCodeElb5xx().createAlarm(stack, 'Elb5xx', { name: 'elb-5xx', threshold: 10, evaluationPeriods: 1, topics: [topic] });
    tg.metricUnhealthyHosts().createAlarm(stack, 'Unhealthy', { name: 'unhealthy', threshold: 0 });
    const alarms = Object.values(JSON.parse(Testing.synth(stack)).resource.aws_cloudwatch_metric_alarm) as Record<string, unknown>[];
    const byName = Object.fromEntries(alarms.map((a) => [a.alarm_name, a]));
    expect(byName['elb-5xx']).toMatchObject({
      namespace: 'AWS/ApplicationELB',
      metric_name: 'HTTPCode_ELB_5XX_Count',
      statistic: 'Sum',
      period: 300,
      evaluation_periods: 1,
      dimensions: { LoadBalancer: expect.stringMatching(/aws_lb\.Alb_.*\.arn_suffix/) },
      alarm_actions: [expect.stringMatching(/aws_sns_topic\.Topic_/)],
    });
    expect(byName.unhealthy).toMatchObject({
      metric_name: 'UnHealthyHostCount',
      statistic: 'Maximum',
      period: 60,
      dimensions: { LoadBalancer: expect.stringMatching(/arn_suffix/), TargetGroup: expect.stringMatching(/aws_lb_target_group\.Alb_Tg_.*\.arn_suffix/) },
    });
  });

  test('AlarmTopic is a Topic: TLS-only policy plus CloudWatch publishing from this account', () => {
    const stack = newStack();
    new AlarmTopic(stack, 'Topic', { name: 'alerts', emails: ['a@example.com'] });
    const json = JSON.parse(Testing.synth(stack));
    const policy = JSON.parse((Object.values(json.resource.aws_sns_topic_policy)[0] as { policy: string }).policy);
    expect(policy.Statement).toEqual([
      expect.objectContaining({ Sid: 'DenyInsecureTransport', Effect: 'Deny', Condition: { Bool: { 'aws:SecureTransport': 'false' } } }),
      expect.objectContaining({ Sid: 'CloudWatchAlarms', Effect: 'Allow', Principal: { Service: 'cloudwatch.amazonaws.com' }, Action: 'sns:Publish' }),
    ]);
  });
});

describe('Grant', () => {
  test('grant* returns a Grant with its statements; applyBefore makes a resource depend on the role and its policy', async () => {
    const { ServiceRole, grantSecretRead } = await import('../../lib/aws/security');
    const { SqsQueue } = await import('@cdktf/provider-aws/lib/sqs-queue');
    const stack = newStack();
    const role = new ServiceRole(stack, 'Role', { name: 'r', assumedBy: ['lambda.amazonaws.com'] });
    const grant = grantSecretRead('arn:aws:secretsmanager:us-east-1:111122223333:secret:x', role, 'arn:aws:kms:us-east-1:111122223333:key/k');
    expect(grant.statements.map((s) => s.toJSON().Action)).toEqual([['secretsmanager:GetSecretValue', 'secretsmanager:DescribeSecret'], 'kms:Decrypt']);
    const q = new SqsQueue(stack, 'Q', { name: 'q' });
    grant.applyBefore(q);
    const json = JSON.parse(Testing.synth(stack));
    expect(Object.values(json.resource.aws_sqs_queue)[0]).toMatchObject({ depends_on: [expect.stringMatching(/^aws_iam_role\.Role_/), expect.stringMatching(/^aws_iam_role_policy\.Role_Policy_/)] });
  });
});
