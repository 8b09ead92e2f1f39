import { IamRole } from '@cdktf/provider-aws/lib/iam-role';
import { Testing } from 'cdktf';
import { AwsStack } from '../../lib/aws/aws-stack';
import { Topic } from '../../lib/aws/messaging/topic';
import {
  AccountRootPrincipal,
  AnyPrincipal,
  ArnPrincipal,
  Grant,
  grantBucketRead,
  IGrantable,
  IPrincipal,
  PolicyDocument,
  PolicyStatement,
  ServicePrincipal,
  ServiceRole,
  ServiceRoleProps,
  StarPrincipal,
} from '../../lib/aws/security';
import { expectValidationError } from '../helpers';

const newStack = () => new AwsStack(Testing.app(), 'test', { architecture: 't', environment: 'dev', region: 'us-east-1', backend: { type: 'local' } });
type Json = { resource: Record<string, Record<string, Record<string, unknown>>> };

describe('PolicyStatement', () => {
  test('renders IAM JSON in IAM order, keeping scalar and list forms as given', () => {
    const s = new PolicyStatement({
      conditions: { Bool: { 'aws:SecureTransport': 'false' } },
      resources: ['arn:aws:s3:::b', 'arn:aws:s3:::b/*'],
      actions: 's3:*',
      principals: [new StarPrincipal()],
      effect: 'Deny',
      sid: 'DenyInsecureTransport',
    });
    expect(JSON.stringify(s)).toBe(
      '{"Sid":"DenyInsecureTransport","Effect":"Deny","Principal":"*","Action":"s3:*","Resource":["arn:aws:s3:::b","arn:aws:s3:::b/*"],"Condition":{"Bool":{"aws:SecureTransport":"false"}}}',
    );
  });

  test('defaults to Allow with no Principal, Resource or Condition element', () => {
    expect(new PolicyStatement({ actions: ['sts:AssumeRole'] }).toJSON()).toEqual({ Effect: 'Allow', Action: ['sts:AssumeRole'] });
  });

  test('merges principals by kind: one string stays a string, several become a deduplicated list', () => {
    const s = new PolicyStatement({
      actions: 'kms:Decrypt',
      resources: '*',
      principals: [new ServicePrincipal('sns.amazonaws.com'), new AccountRootPrincipal('111122223333'), new ServicePrincipal('events.amazonaws.com'), new ServicePrincipal('sns.amazonaws.com')],
    });
    expect(s.toJSON().Principal).toEqual({ Service: ['sns.amazonaws.com', 'events.amazonaws.com'], AWS: 'arn:aws:iam::111122223333:root' });
    expect(new PolicyStatement({ actions: 'a:b', principals: [new ServicePrincipal(['x.amazonaws.com'])] }).toJSON().Principal).toEqual({ Service: ['x.amazonaws.com'] });
    expect(new PolicyStatement({ actions: 'a:b', principals: [new AnyPrincipal()] }).toJSON().Principal).toEqual({ AWS: '*' });
    expect(new PolicyStatement({ actions: 'a:b', principals: [new ArnPrincipal('arn:aws:iam::1:role/x'), new StarPrincipal()] }).toJSON().Principal).toBe('*');
  });

  test('addActions, addResources, addCondition extend the statement', () => {
    const s = new PolicyStatement({ actions: 's3:GetObject', resources: 'arn:aws:s3:::b/*' });
    s.addActions('s3:GetObjectVersion');
    s.addResources('arn:aws:s3:::c/*');
    s.addCondition('StringEquals', { 'aws:SourceAccount': '111122223333' });
    s.addCondition('StringEquals', { 'aws:SourceVpc': 'vpc-1' });
    expect(s.toJSON()).toEqual({
      Effect: 'Allow',
      Action: ['s3:GetObject', 's3:GetObjectVersion'],
      Resource: ['arn:aws:s3:::b/*', 'arn:aws:s3:::c/*'],
      Condition: { StringEquals: { 'aws:SourceAccount': '111122223333', 'aws:SourceVpc': 'vpc-1' } },
    });
    expect(s.actions).toEqual(['s3:GetObject', 's3:GetObjectVersion']);
  });

  test('fromJson round-trips IAM JSON', () => {
    const json = {
      Sid: 'ElbLogDelivery',
      Effect: 'Allow' as const,
      Principal: { AWS: 'arn:aws:iam::127311923021:root', Service: 'logdelivery.elasticloadbalancing.amazonaws.com', Federated: 'cognito-identity.amazonaws.com' },
      Action: 's3:PutObject',
      Resource: 'arn:aws:s3:::logs/*',
      Condition: { StringEquals: { 'aws:SourceAccount': '111122223333' } },
    };
    expect(PolicyStatement.fromJson(json).toJSON()).toEqual(json);
    expect(PolicyStatement.fromJson({ Action: ['sqs:*'], Principal: '*' }).toJSON()).toEqual({ Effect: 'Allow', Principal: '*', Action: ['sqs:*'] });
  });
});

describe('PolicyDocument', () => {
  test('renders Version and Statement; assumeRole builds a trust policy with conditions', () => {
    const doc = PolicyDocument.assumeRole(['ecs-tasks.amazonaws.com'], { StringEquals: { 'aws:SourceAccount': '111122223333' } });
    expect(JSON.parse(doc.render())).toEqual({
      Version: '2012-10-17',
      Statement: [{ Effect: 'Allow', Principal: { Service: 'ecs-tasks.amazonaws.com' }, Action: 'sts:AssumeRole', Condition: { StringEquals: { 'aws:SourceAccount': '111122223333' } } }],
    });
    expect(PolicyDocument.assumeRole(['a.amazonaws.com', 'b.amazonaws.com']).toJSON().Statement[0].Principal).toEqual({ Service: ['a.amazonaws.com', 'b.amazonaws.com'] });
    const empty = new PolicyDocument();
    expect(empty.isEmpty).toBe(true);
    empty.addStatements(new PolicyStatement({ actions: 'x:y', resources: '*' }));
    expect(empty.isEmpty).toBe(false);
    expect(empty.toJSON().Statement).toEqual([{ Effect: 'Allow', Action: 'x:y', Resource: '*' }]);
  });
});

describe('IGrantable / IPrincipal', () => {
  test('a grant goes to the grantPrincipal of any IGrantable, and only once', () => {
    const stack = newStack();
    const role = new ServiceRole(stack, 'Role', { name: 'worker', assumedBy: ['lambda.amazonaws.com'] });
    const wrapper: IGrantable = { grantPrincipal: role };
    expect(role.grantPrincipal).toBe(role);
    const grant = grantBucketRead({ bucketArn: 'arn:aws:s3:::docs' }, wrapper);
    expect(grant.principal).toBe(role);
    expect(role.addToPrincipalPolicy(new PolicyStatement({ actions: 's3:ListBucket', resources: 'arn:aws:s3:::docs' }))).toEqual({ statementAdded: false });
    expect(role.addToPolicy(new PolicyStatement({ actions: 's3:ListBucket', resources: 'arn:aws:s3:::other' }))).toBe(true);
    const policy = Object.values((JSON.parse(Testing.synth(stack)) as Json).resource.aws_iam_role_policy)[0];
    expect(JSON.parse(policy.policy as string).Statement).toEqual([
      { Effect: 'Allow', Action: 's3:ListBucket', Resource: 'arn:aws:s3:::docs' },
      { Effect: 'Allow', Action: ['s3:GetObject', 's3:GetObjectVersion'], Resource: 'arn:aws:s3:::docs/*' },
      { Effect: 'Allow', Action: 's3:ListBucket', Resource: 'arn:aws:s3:::other' },
    ]);
  });

  test('a custom principal receives typed statements through Grant.addToPrincipal', () => {
    const got: PolicyStatement[] = [];
    const principal: IPrincipal = {
      get grantPrincipal() {
        return principal;
      },
      addToPrincipalPolicy: (s) => {
        got.push(s);
        return { statementAdded: true };
      },
    };
    const topic = new Topic(newStack(), 'T', { name: 'events', kmsKeyArn: 'arn:aws:kms:us-east-1:111122223333:key/k' });
    const grant = topic.grantPublish(principal);
    expect(got.map((s) => s.toJSON())).toEqual([
      { Effect: 'Allow', Action: 'sns:Publish', Resource: topic.topicArn },
      { Effect: 'Allow', Action: ['kms:Decrypt', 'kms:GenerateDataKey'], Resource: 'arn:aws:kms:us-east-1:111122223333:key/k' },
    ]);
    expect(grant).toBeInstanceOf(Grant);
    expect(grant.dependables).toEqual([]);
  });
});

describe('ServiceRole naming and trust', () => {
  test('namePrefix and assumeRoleConditions (confused-deputy guard) reach the role', () => {
    const stack = newStack();
    new ServiceRole(stack, 'Role', { namePrefix: 'app-task-', assumedBy: ['ecs-tasks.amazonaws.com'], assumeRoleConditions: { StringEquals: { 'aws:SourceAccount': '111122223333' } } });
    const out = Testing.synth(stack);
    expect(out).toHaveResourceWithProperties(IamRole, { name_prefix: 'app-task-' });
    const role = Object.values((JSON.parse(out) as Json).resource.aws_iam_role)[0];
    expect(role.name).toBeUndefined();
    expect(role.description).toBeUndefined();
    expect(JSON.parse(role.assume_role_policy as string).Statement[0].Condition).toEqual({ StringEquals: { 'aws:SourceAccount': '111122223333' } });
  });

  test.each([
    [{ name: undefined }, 'test/R: exactly one of name and namePrefix is required (got {})'],
    [{ namePrefix: 'p-' }, 'test/R: exactly one of name and namePrefix is required (got {"name":"r","namePrefix":"p-"})'],
    [{ name: undefined, namePrefix: 'x'.repeat(39) }, `test/R: namePrefix must be 1-38 characters of letters, digits and +=,.@_- (got "${'x'.repeat(39)}")`],
  ] as [Partial<ServiceRoleProps>, string][])('ServiceRole rejects %j', (props, message) => {
    expectValidationError(() => new ServiceRole(newStack(), 'R', { name: 'r', assumedBy: ['ec2.amazonaws.com'], ...props }), message);
  });
});

describe('service roles of the VPC flow logs and RDS enhanced monitoring', () => {
  test('the flow-log role is a ServiceRole: trust for vpc-flow-logs only, one least-privilege inline policy, a moved block from the raw role', async () => {
    const { Vpc } = await import('../../lib/aws/network');
    const stack = newStack();
    new Vpc(stack, 'Vpc', { name: 'dev', cidr: '10.0.0.0/16', publicSubnets: [{ cidr: '10.0.1.0/24', az: 'us-east-1a' }] });
    const json = JSON.parse(Testing.synth(stack)) as Json & { moved?: { from: string; to: string }[] };
    const [[roleId, role]] = Object.entries(json.resource.aws_iam_role);
    expect(role.name_prefix).toBe('dev-vpc-flow-logs-');
    expect(JSON.parse(role.assume_role_policy as string)).toEqual({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Principal: { Service: 'vpc-flow-logs.amazonaws.com' }, Action: 'sts:AssumeRole' }] });
    const policies = Object.values(json.resource.aws_iam_role_policy);
    expect(policies).toHaveLength(1);
    expect(policies[0].name).toBe('least-privilege');
    expect(JSON.parse(policies[0].policy as string).Statement).toEqual([
      { Effect: 'Allow', Action: ['logs:CreateLogStream', 'logs:PutLogEvents', 'logs:DescribeLogStreams'], Resource: expect.stringMatching(/^\$\{aws_cloudwatch_log_group\.Vpc_FlowLogGroup_[0-9A-F]+\.arn\}:\*$/) },
    ]);
    expect(Object.values(json.resource.aws_flow_log)[0].iam_role_arn).toBe(`\${aws_iam_role.${roleId}.arn}`);
    expect(json.moved).toEqual([{ from: expect.stringMatching(/^aws_iam_role\.Vpc_FlowLogRole_[0-9A-F]{8}$/), to: `aws_iam_role.${roleId}` }]);
    expect(json.moved![0].from).not.toBe(json.moved![0].to);
  });

  test('the enhanced-monitoring role is a ServiceRole with the AWS policy attached; role and attachment keep their state through moved blocks', async () => {
    const { PostgresDatabase } = await import('../../lib/aws/database');
    const stack = newStack();
    new PostgresDatabase(stack, 'Db', {
      identifier: 'app',
      vpcId: 'vpc-1',
      subnets: { ids: ['subnet-a', 'subnet-b'], azs: ['us-east-1a', 'us-east-1b'] },
      kmsKeyArn: 'arn:aws:kms:us-east-1:111122223333:key/k',
    });
    const json = JSON.parse(Testing.synth(stack)) as Json & { moved?: { from: string; to: string }[] };
    const [[roleId, role]] = Object.entries(json.resource.aws_iam_role);
    expect(role.name_prefix).toBe('app-monitoring-');
    expect(JSON.parse(role.assume_role_policy as string).Statement).toEqual([{ Effect: 'Allow', Principal: { Service: 'monitoring.rds.amazonaws.com' }, Action: 'sts:AssumeRole' }]);
    const [[attId, att]] = Object.entries(json.resource.aws_iam_role_policy_attachment);
    expect(att).toMatchObject({ policy_arn: 'arn:aws:iam::aws:policy/service-role/AmazonRDSEnhancedMonitoringRole', role: `\${aws_iam_role.${roleId}.name}` });
    expect(Object.values(json.resource.aws_db_instance)[0].monitoring_role_arn).toBe(`\${aws_iam_role.${roleId}.arn}`);
    expect(json.moved).toEqual([
      { from: expect.stringMatching(/^aws_iam_role\.Db_MonitoringRole_[0-9A-F]{8}$/), to: `aws_iam_role.${roleId}` },
      { from: expect.stringMatching(/^aws_iam_role_policy_attachment\.Db_MonitoringPolicy_[0-9A-F]{8}$/), to: `aws_iam_role_policy_attachment.${attId}` },
    ]);
  });
});
