import { AnnotationMetadataEntryType, Testing } from 'cdktf';
import { join } from 'path';
import { AwsStack } from '../../lib/aws/aws-stack';
import { AutoScalingGroup, InstanceRole, LaunchTemplate, MachineImage } from '../../lib/aws/compute';
import { ContainerImage, EcsCluster, FargateService } from '../../lib/aws/containers';
import { PostgresDatabase, RedisCache } from '../../lib/aws/database';
import { ApplicationLoadBalancer } from '../../lib/aws/loadbalancing';
import { Topic } from '../../lib/aws/messaging';
import { IVpc, SecurityGroup, Vpc, VpcProps } from '../../lib/aws/network';
import { EncryptionKey, PolicyStatement, ServiceRole } from '../../lib/aws/security';
import { PythonFunction, TopicTrigger } from '../../lib/aws/serverless';
import { expectValidationError } from '../helpers';

const newStack = () => new AwsStack(Testing.app(), 'test', { architecture: 't', environment: 'dev', region: 'us-east-1', backend: { type: 'local' } });
type Block = Record<string, Record<string, Record<string, unknown>>>;
type Json = { resource: Block; data?: Block };
const synth = (stack: AwsStack): Json => JSON.parse(Testing.synth(stack, true)); // true: the app's validations run (a selection error would throw)
const only = (block: Block | undefined, type: string) => {
  const values = Object.values(block?.[type] ?? {});
  expect(values).toHaveLength(1);
  return values[0];
};

const vpcProps: VpcProps = {
  name: 'dev',
  cidr: '10.0.0.0/16',
  publicSubnets: [
    { cidr: '10.0.1.0/24', az: 'us-east-1a' },
    { cidr: '10.0.2.0/24', az: 'us-east-1b' },
  ],
  privateSubnets: [
    { cidr: '10.0.11.0/24', az: 'us-east-1a' },
    { cidr: '10.0.12.0/24', az: 'us-east-1b' },
    { cidr: '10.0.13.0/24', az: 'us-east-1a' },
  ],
  flowLogRetentionDays: 0,
};

const imported = (stack: AwsStack, extra: Partial<Parameters<typeof Vpc.fromAttributes>[2]> = {}): IVpc =>
  Vpc.fromAttributes(stack, 'Existing', {
    vpcId: 'vpc-0abc',
    cidrBlock: '172.16.0.0/16',
    availabilityZones: ['us-east-1a', 'us-east-1b'],
    publicSubnetIds: ['subnet-pub-a', 'subnet-pub-b'],
    privateSubnetIds: ['subnet-prv-a', 'subnet-prv-b'],
    isolatedSubnetIds: ['subnet-iso-a', 'subnet-iso-b'],
    ...extra,
  });

describe('IVpc.selectSubnets on a created Vpc', () => {
  test('by tier, by AZ, one per AZ; the default is the private tier', () => {
    const vpc = new Vpc(newStack(), 'Vpc', vpcProps);
    const priv = vpc.private.ids;
    expect(vpc.selectSubnets().subnetIds).toEqual(priv);
    expect(vpc.selectSubnets({ tier: 'public' }).subnetIds).toEqual(vpc.public.ids);
    expect(vpc.selectSubnets({ tier: 'private', onePerAz: true })).toEqual({
      subnetIds: [priv[0], priv[1]],
      subnets: [
        { subnetId: priv[0], availabilityZone: 'us-east-1a', tier: 'private' },
        { subnetId: priv[1], availabilityZone: 'us-east-1b', tier: 'private' },
      ],
      availabilityZones: ['us-east-1a', 'us-east-1b'],
    });
    expect(vpc.selectSubnets({ availabilityZones: ['us-east-1a'] }).subnetIds).toEqual([priv[0], priv[2]]);
    expect(vpc.availabilityZones).toEqual(['us-east-1a', 'us-east-1b']);
    expect(vpc.cidrBlock).toBe('10.0.0.0/16');
  });

  test('without private subnets the default falls to isolated, then public', () => {
    const onlyPublic = new Vpc(newStack(), 'Vpc', { ...vpcProps, privateSubnets: [] });
    expect(onlyPublic.selectSubnets().subnetIds).toEqual(onlyPublic.public.ids);
    const isolated = new Vpc(newStack(), 'Vpc', { ...vpcProps, privateSubnets: [], isolatedSubnets: [{ cidr: '10.0.21.0/24', az: 'us-east-1a' }] });
    expect(isolated.selectSubnets().subnetIds).toEqual(isolated.isolated.ids);
  });

  test('selecting a tier with no subnets is a validation error naming the tier', () => {
    expectValidationError(
      () => new Vpc(newStack(), 'Vpc', vpcProps).selectSubnets({ tier: 'isolated' }),
      'test/Vpc: subnet selection: the VPC has no isolated subnets (tiers with subnets: public, private) (got "isolated")',
    );
  });

  test('selecting AZs the tier has no subnet in is a validation error naming them', () => {
    expectValidationError(
      () => new Vpc(newStack(), 'Vpc', vpcProps).selectSubnets({ tier: 'public', availabilityZones: ['us-east-1c'] }),
      'test/Vpc: subnet selection: no public subnet in availability zones us-east-1c (the public subnets are in us-east-1a, us-east-1b) (got ["us-east-1c"])',
    );
  });

  test('a consumer given the created Vpc places itself in the tier it asks for', () => {
    const stack = newStack();
    const vpc = new Vpc(stack, 'Vpc', vpcProps);
    new RedisCache(stack, 'Cache', { replicationGroupId: 'dev-redis', vpc, vpcSubnets: { onePerAz: true } });
    const json = synth(stack);
    const group = only(json.resource, 'aws_elasticache_subnet_group');
    expect(group.subnet_ids).toEqual([expect.stringMatching(/aws_subnet\.Vpc_PrivateSubnet1_/), expect.stringMatching(/aws_subnet\.Vpc_PrivateSubnet2_/)]);
    expect(only(json.resource, 'aws_security_group').vpc_id).toMatch(/^\$\{aws_vpc\.Vpc_[0-9A-F]+\.id\}$/);
  });
});

describe('Vpc.fromAttributes', () => {
  test('subnets follow the AZs round-robin; nothing is created', () => {
    const stack = newStack();
    const vpc = Vpc.fromAttributes(stack, 'Existing', { vpcId: 'vpc-1', availabilityZones: ['us-east-1a', 'us-east-1b'], privateSubnetIds: ['s1', 's2', 's3', 's4'] });
    expect(vpc.privateSubnets.map((s) => s.availabilityZone)).toEqual(['us-east-1a', 'us-east-1b', 'us-east-1a', 'us-east-1b']);
    expect(vpc.selectSubnets({ onePerAz: true }).subnetIds).toEqual(['s1', 's2']);
    expect(vpc.cidrBlock).toBeUndefined();
    expect(synth(stack).resource).toBeUndefined();
  });

  test('PostgresDatabase, RedisCache, the ALB, an Auto Scaling group and a function in an imported VPC use its ids', () => {
    const stack = newStack();
    const vpc = imported(stack);
    const sg = new SecurityGroup(stack, 'FnSg', { vpc, name: 'fn-sg', description: 'function' });
    new PostgresDatabase(stack, 'Db', { identifier: 'app-db', vpc });
    new RedisCache(stack, 'Cache', { replicationGroupId: 'app-redis', vpc, vpcSubnets: { tier: 'private' } });
    new ApplicationLoadBalancer(stack, 'Alb', { name: 'app-alb', vpc });
    const role = new InstanceRole(stack, 'Role', { name: 'app' });
    const lt = new LaunchTemplate(stack, 'Lt', { name: 'app', instanceType: 't3.micro', machineImage: MachineImage.fromAmiId('ami-0123456789abcdef0'), role, securityGroupIds: ['sg-1'] });
    new AutoScalingGroup(stack, 'Asg', { name: 'app', launchTemplate: lt, vpc, vpcSubnets: { availabilityZones: ['us-east-1b'] }, minSize: 1, maxSize: 2 });
    new PythonFunction(stack, 'Fn', { functionName: 'audit', codePath: join(__dirname, '../../lambda/audit'), vpc, securityGroups: [sg] });
    const json = synth(stack);
    expect(only(json.resource, 'aws_db_subnet_group').subnet_ids).toEqual(['subnet-iso-a', 'subnet-iso-b']);
    expect(only(json.resource, 'aws_elasticache_subnet_group').subnet_ids).toEqual(['subnet-prv-a', 'subnet-prv-b']);
    expect(only(json.resource, 'aws_lb').subnets).toEqual(['subnet-pub-a', 'subnet-pub-b']);
    expect(only(json.resource, 'aws_autoscaling_group').vpc_zone_identifier).toEqual(['subnet-prv-b']);
    expect(only(json.resource, 'aws_lambda_function').vpc_config).toEqual({ subnet_ids: ['subnet-prv-a', 'subnet-prv-b'], security_group_ids: [expect.stringMatching(/aws_security_group\.FnSg_/)] });
    const vpcIds = Object.values(json.resource.aws_security_group).map((g) => g.vpc_id);
    expect(vpcIds).toEqual(['vpc-0abc', 'vpc-0abc', 'vpc-0abc', 'vpc-0abc']); // the function's, the database's, the cache's and the ALB's groups
    expect(Object.values(json.resource.aws_lb_target_group ?? {})).toEqual([]);
  });

  test('an internal ALB defaults to the private subnets', () => {
    const stack = newStack();
    new ApplicationLoadBalancer(stack, 'Alb', { name: 'app-alb', vpc: imported(stack), internetFacing: false });
    expect(only(synth(stack).resource, 'aws_lb')).toMatchObject({ internal: true, subnets: ['subnet-prv-a', 'subnet-prv-b'] });
  });

  test('a data store without isolated subnets goes to the private ones', () => {
    const stack = newStack();
    new PostgresDatabase(stack, 'Db', { identifier: 'app-db', vpc: imported(stack, { isolatedSubnetIds: undefined }) });
    expect(only(synth(stack).resource, 'aws_db_subnet_group').subnet_ids).toEqual(['subnet-prv-a', 'subnet-prv-b']);
  });

  test('a consumer selecting a tier the imported VPC lacks fails naming the tier', () => {
    expectValidationError(() => {
      const stack = newStack();
      new PostgresDatabase(stack, 'Db', { identifier: 'app-db', vpc: imported(stack, { isolatedSubnetIds: undefined }), vpcSubnets: { tier: 'isolated' } });
    }, 'test/Existing: subnet selection: the VPC has no isolated subnets (tiers with subnets: public, private) (got "isolated")');
  });

  test.each([
    [{ availabilityZones: [] }, 'test/Existing: availabilityZones needs at least one AZ (got [])'],
    [{ privateSubnetIds: ['s1', 's2', 's3'] }, 'test/Existing: each tier\'s subnet ids must be a multiple of the 2 availability zones (subnet i lies in availabilityZones[i % 2]) (got ["s1","s2","s3"])'],
  ])('fromAttributes rejects %j', (extra, message) => {
    expectValidationError(() => imported(newStack(), extra), message);
  });

  test('a security group needs vpc or vpcId', () => {
    expectValidationError(() => new SecurityGroup(newStack(), 'Sg', { name: 'sg' }), 'test/Sg: vpc (or vpcId) is required (got undefined)');
  });

  test('a consumer needs vpc (or the older vpcId + subnets), not both', () => {
    expectValidationError(() => new PostgresDatabase(newStack(), 'Db', { identifier: 'app-db' }), 'test/Db: vpc is required (or the older vpcId and subnets) (got undefined)');
    expectValidationError(() => {
      const stack = newStack();
      new PostgresDatabase(stack, 'Db', { identifier: 'app-db', vpc: imported(stack), vpcId: 'vpc-other' });
    }, 'test/Db: give vpc (with vpcSubnets), or vpcId and subnets, not both (got {"vpcId":"vpc-other"})');
  });
});

describe('Vpc.fromLookup', () => {
  test('finds the VPC by tags and each tier/AZ through aws_subnets with a postcondition naming the tier', () => {
    const stack = newStack();
    const vpc = Vpc.fromLookup(stack, 'Shared', { tags: { Name: 'shared-vpc' }, availabilityZones: ['us-east-1a', 'us-east-1b'] });
    new PostgresDatabase(stack, 'Db', { identifier: 'app-db', vpc, vpcSubnets: { tier: 'isolated', onePerAz: true } });
    const json = synth(stack);
    expect(only(json.data, 'aws_vpc')).toEqual({ tags: { Name: 'shared-vpc' } });
    const lookups = Object.entries(json.data!.aws_subnets);
    expect(lookups).toHaveLength(2);
    const [id, first] = lookups[0];
    expect(first.filter).toEqual([
      { name: 'vpc-id', values: [expect.stringMatching(/^\$\{data\.aws_vpc\.Shared_Vpc_[0-9A-F]+\.id\}$/)] },
      { name: 'tag:tier', values: ['isolated'] },
      { name: 'availability-zone', values: ['us-east-1a'] },
    ]);
    expect(first.lifecycle).toEqual({ postcondition: [{ condition: '${length(self.ids) > 0}', error_message: 'test/Shared: the VPC has no isolated subnet in us-east-1a' }] });
    expect(only(json.resource, 'aws_db_subnet_group').subnet_ids).toEqual([`\${element(data.aws_subnets.${id}.ids, 0)}`, `\${element(data.aws_subnets.${lookups[1][0]}.ids, 0)}`]);
    expect(only(json.resource, 'aws_security_group').vpc_id).toBe(`\${data.aws_vpc.${Object.keys(json.data!.aws_vpc)[0]}.id}`);
  });

  test('without onePerAz the subnets of every AZ are one flattened list; a second selection reuses the lookups', () => {
    const stack = newStack();
    const vpc = Vpc.fromLookup(stack, 'Shared', { vpcId: 'vpc-0abc', availabilityZones: ['us-east-1a', 'us-east-1b'], tierTag: 'Tier' });
    new ApplicationLoadBalancer(stack, 'Alb', { name: 'app-alb', vpc, vpcSubnets: { tier: 'public' } });
    vpc.selectSubnets({ tier: 'public', availabilityZones: ['us-east-1b'] });
    const json = synth(stack);
    expect(Object.keys(json.data!.aws_subnets)).toHaveLength(2);
    expect(Object.values(json.data!.aws_subnets)[0].filter).toContainEqual({ name: 'tag:Tier', values: ['public'] });
    expect(only(json.resource, 'aws_lb').subnets).toMatch(/^\$\{flatten\(\[data\.aws_subnets\.\S+\.ids, data\.aws_subnets\.\S+\.ids\]\)\}$/);
  });

  test.each([
    [{ availabilityZones: ['us-east-1a'] }, 'test/Shared: give vpcId or tags to find the VPC (got {})'],
    [{ vpcId: 'vpc-1', availabilityZones: [] }, 'test/Shared: availabilityZones needs at least one AZ (got [])'],
  ])('fromLookup rejects %j', (options, message) => {
    expectValidationError(() => Vpc.fromLookup(newStack(), 'Shared', options), message);
  });
});

describe('EncryptionKey.fromKeyArn', () => {
  const ARN = 'arn:aws:kms:us-east-1:111122223333:key/1234abcd-12ab-34cd-56ef-1234567890ab';

  test('a launch template encrypts with the imported key; the Auto Scaling key statements cannot be added, so the stack warns', () => {
    const stack = newStack();
    const key = EncryptionKey.fromKeyArn(stack, 'Key', ARN);
    expect(key.addToResourcePolicy(new PolicyStatement({ actions: 'kms:*', resources: '*' }))).toBe(false);
    const role = new InstanceRole(stack, 'Role', { name: 'app' });
    const lt = new LaunchTemplate(stack, 'Lt', { name: 'app', instanceType: 't3.micro', machineImage: MachineImage.fromAmiId('ami-0123456789abcdef0'), role, securityGroupIds: ['sg-1'], encryptionKey: key });
    new AutoScalingGroup(stack, 'Asg', { name: 'app', launchTemplate: lt, subnetIds: ['subnet-1'], minSize: 1, maxSize: 1 });
    const json = synth(stack);
    expect(JSON.stringify(only(json.resource, 'aws_launch_template').block_device_mappings)).toContain(`"kms_key_id":"${ARN}"`);
    expect(json.resource.aws_kms_key).toBeUndefined();
    const warnings = stack.node.metadata.filter((m) => m.type === AnnotationMetadataEntryType.WARN);
    expect(warnings.map((w) => String(w.data))).toEqual([expect.stringContaining(`the KMS key ${ARN} is imported: add the AutoScalingEncryptedVolumes statements`)]);
  });

  test('a created key takes the statements', () => {
    const key = new EncryptionKey(newStack(), 'Key', { alias: 'app' });
    expect(key.addToResourcePolicy(new PolicyStatement({ sid: 'Extra', actions: 'kms:Decrypt', resources: '*' }))).toBe(true);
    expect(key.policyDocument.statements.map((s) => s.sid)).toEqual(['AccountAdministers', 'CloudWatchLogs', 'ServiceIntegrations', 'Extra']);
  });

  test('rejects what is not a KMS key ARN', () => {
    expectValidationError(() => EncryptionKey.fromKeyArn(newStack(), 'Key', 'alias/app'), 'test/Key: keyArn must be a KMS key ARN (arn:aws:kms:<region>:<account>:key/<id>) (got "alias/app")');
  });
});

describe('Topic.fromTopicArn', () => {
  const ARN = 'arn:aws:sns:us-east-1:111122223333:orders';

  test('a function subscribes to the imported topic; grantPublish names its ARN (and its key)', () => {
    const stack = newStack();
    const topic = Topic.fromTopicArn(stack, 'Orders', ARN, { kmsKeyArn: 'arn:aws:kms:us-east-1:111122223333:key/k' });
    expect(topic.topicName).toBe('orders');
    const fn = new PythonFunction(stack, 'Fn', { functionName: 'audit', codePath: join(__dirname, '../../lambda/audit') });
    new TopicTrigger(stack, 'OnOrders', { function: fn, topic });
    const role = new ServiceRole(stack, 'Publisher', { name: 'publisher', assumedBy: ['ecs-tasks.amazonaws.com'] });
    topic.grantPublish(role);
    expect(topic.addToResourcePolicy(new PolicyStatement({ actions: 'sns:Publish', resources: ARN }))).toBe(false);
    const json = synth(stack);
    expect(only(json.resource, 'aws_sns_topic_subscription')).toMatchObject({ topic_arn: ARN, protocol: 'lambda' });
    expect(only(json.resource, 'aws_lambda_permission')).toMatchObject({ source_arn: ARN, principal: 'sns.amazonaws.com' });
    expect(role.policyStatements).toEqual([
      { Effect: 'Allow', Action: 'sns:Publish', Resource: ARN },
      { Effect: 'Allow', Action: ['kms:Decrypt', 'kms:GenerateDataKey'], Resource: 'arn:aws:kms:us-east-1:111122223333:key/k' },
    ]);
    expect(json.resource.aws_sns_topic).toBeUndefined();
    expect(json.resource.aws_sns_topic_policy).toBeUndefined();
  });

  test('rejects what is not an SNS topic ARN', () => {
    expectValidationError(() => Topic.fromTopicArn(newStack(), 'T', 'orders'), 'test/T: topicArn must be an SNS topic ARN (arn:aws:sns:<region>:<account>:<name>) (got "orders")');
  });
});

describe('EcsCluster.fromAttributes', () => {
  test('names an existing cluster; the ARN is built from the stack when not given', () => {
    const stack = newStack();
    const byName = EcsCluster.fromAttributes(stack, 'C1', { clusterName: 'shared' });
    expect(byName.clusterName).toBe('shared');
    expect(byName.clusterArn).toMatch(/^arn:aws:ecs:us-east-1:\$\{TfToken\[TOKEN\.\d+\]\}:cluster\/shared$/);
    const byArn = EcsCluster.fromAttributes(stack, 'C2', { clusterName: 'shared', clusterArn: 'arn:aws:ecs:us-east-1:111122223333:cluster/shared' });
    expect(byArn.arn).toBe('arn:aws:ecs:us-east-1:111122223333:cluster/shared');
    const created = new EcsCluster(stack, 'C3', { name: 'dev-cluster' });
    expect(created.clusterName).toBe(created.name);
    expect(created.clusterArn).toBe(created.arn);
  });

  test('a FargateService runs in an imported cluster and VPC: the service names their ARN and subnet ids', () => {
    const stack = newStack();
    const vpc = imported(stack);
    const cluster = EcsCluster.fromAttributes(stack, 'Shared', { clusterName: 'shared', clusterArn: 'arn:aws:ecs:us-east-1:111122223333:cluster/shared' });
    const sg = new SecurityGroup(stack, 'Sg', { vpc, name: 'tasks' });
    const service = new FargateService(stack, 'Service', {
      name: 'app',
      cluster,
      vpc,
      vpcSubnets: { availabilityZones: ['us-east-1a'] },
      cpu: 256,
      memoryMiB: 512,
      containers: [{ name: 'app', image: ContainerImage.fromRegistry('nginx:1.27'), port: 8080 }],
      securityGroups: [sg],
    });
    expect(service.clusterName).toBe('shared');
    const json = synth(stack);
    expect(only(json.resource, 'aws_ecs_service')).toMatchObject({
      cluster: 'arn:aws:ecs:us-east-1:111122223333:cluster/shared',
      network_configuration: { subnets: ['subnet-prv-a'], assign_public_ip: false },
    });
    expect(json.resource.aws_ecs_cluster).toBeUndefined();
    expect(only(json.resource, 'aws_security_group').vpc_id).toBe('vpc-0abc');
  });

  test.each([
    [{ clusterName: 'bad name' }, 'test/C: clusterName must be 1-255 letters, digits, hyphens and underscores (got "bad name")'],
    [{ clusterName: 'c', clusterArn: 'c' }, 'test/C: clusterArn must be an ECS cluster ARN (arn:aws:ecs:<region>:<account>:cluster/<name>) (got "c")'],
  ])('rejects %j', (attrs, message) => {
    expectValidationError(() => EcsCluster.fromAttributes(newStack(), 'C', attrs), message);
  });
});
