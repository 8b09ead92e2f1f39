import { AutoscalingGroup } from '@cdktf/provider-aws/lib/autoscaling-group';
import { AutoscalingPolicy } from '@cdktf/provider-aws/lib/autoscaling-policy';
import { CloudwatchMetricAlarm } from '@cdktf/provider-aws/lib/cloudwatch-metric-alarm';
import { DataAwsSsmParameter } from '@cdktf/provider-aws/lib/data-aws-ssm-parameter';
import { IamInstanceProfile } from '@cdktf/provider-aws/lib/iam-instance-profile';
import { IamRole } from '@cdktf/provider-aws/lib/iam-role';
import { LaunchTemplate as LaunchTemplateResource } from '@cdktf/provider-aws/lib/launch-template';
import { Testing } from 'cdktf';
import {
  AMAZON_LINUX_2023,
  AutoScalingGroup,
  AutoScalingGroupProps,
  CLOUDWATCH_AGENT_CONFIG,
  containerUserData,
  CpuScalingProps,
  InstanceRole,
  LaunchTemplate,
  LaunchTemplateProps,
  MachineImage,
} from '../../lib/aws/compute';
import {
  EncryptionKey,
  grantBucketDelete,
  grantBucketRead,
  grantBucketReadWrite,
  grantEcrPull,
  grantPutMetricData,
  grantSecretRead,
  ServiceRole,
  ServiceRoleProps,
} from '../../lib/aws/security';
import { AwsStack } from '../../lib/aws/aws-stack';
import { expectValidationError } from '../helpers';

const newStack = () => new AwsStack(Testing.app(), 'test', { architecture: 't', environment: 'dev', region: 'us-east-1', backend: { type: 'local' } });
type Json = { resource: Record<string, Record<string, Record<string, unknown>>>; data?: Record<string, Record<string, Record<string, unknown>>> };
const first = (json: Json, type: string) => Object.values(json.resource[type])[0];

const template = (stack: AwsStack, props: Partial<LaunchTemplateProps> = {}) =>
  new LaunchTemplate(stack, 'Lt', {
    name: 'backend',
    instanceType: 't3.medium',
    machineImage: MachineImage.fromAmiId('ami-0123456789abcdef0'),
    role: new InstanceRole(stack, 'Role', { name: 'backend' }),
    securityGroupIds: ['sg-1'],
    ...props,
  });

describe('ServiceRole and grants', () => {
  test('starts with nothing but the trust policy; grants add one deduplicated inline policy', () => {
    const stack = newStack();
    const role = new ServiceRole(stack, 'Role', { name: 'worker', assumedBy: ['lambda.amazonaws.com'] });
    expect(JSON.parse(Testing.synth(stack)).resource.aws_iam_role_policy).toBeUndefined();
    const bucket = { bucketArn: 'arn:aws:s3:::docs' };
    grantBucketRead(bucket, role, 'tmp/*');
    grantBucketRead(bucket, role, 'tmp/*');
    grantBucketDelete(bucket, role, 'tmp/*');
    grantSecretRead('arn:aws:secretsmanager:us-east-1:111122223333:secret:db', role, 'arn:aws:kms:us-east-1:111122223333:key/k');
    grantEcrPull('arn:aws:ecr:us-east-1:111122223333:repository/app', role);
    grantPutMetricData('Canalco/Negocio', role);
    expect(role.policyStatements).toEqual([
      { Effect: 'Allow', Action: 's3:ListBucket', Resource: 'arn:aws:s3:::docs', Condition: { StringLike: { 's3:prefix': ['tmp/*'] } } },
      { Effect: 'Allow', Action: ['s3:GetObject', 's3:GetObjectVersion'], Resource: 'arn:aws:s3:::docs/tmp/*' },
      { Effect: 'Allow', Action: 's3:DeleteObject', Resource: 'arn:aws:s3:::docs/tmp/*' },
      { Effect: 'Allow', Action: ['secretsmanager:GetSecretValue', 'secretsmanager:DescribeSecret'], Resource: 'arn:aws:secretsmanager:us-east-1:111122223333:secret:db' },
      { Effect: 'Allow', Action: 'kms:Decrypt', Resource: 'arn:aws:kms:us-east-1:111122223333:key/k' },
      { Effect: 'Allow', Action: 'ecr:GetAuthorizationToken', Resource: '*' },
      { Effect: 'Allow', Action: ['ecr:BatchCheckLayerAvailability', 'ecr:BatchGetImage', 'ecr:GetDownloadUrlForLayer'], Resource: 'arn:aws:ecr:us-east-1:111122223333:repository/app' },
      { Effect: 'Allow', Action: 'cloudwatch:PutMetricData', Resource: '*', Condition: { StringEquals: { 'cloudwatch:namespace': 'Canalco/Negocio' } } },
    ]);
    const json = JSON.parse(Testing.synth(stack));
    expect(Object.keys(json.resource.aws_iam_role_policy)).toHaveLength(1);
    expect(JSON.parse(first(json, 'aws_iam_role').assume_role_policy as string).Statement[0].Principal).toEqual({ Service: 'lambda.amazonaws.com' });
  });

  test('grantBucketReadWrite on the whole bucket lists without a prefix condition', () => {
    const role = new ServiceRole(newStack(), 'Role', { name: 'worker', assumedBy: ['ec2.amazonaws.com'] });
    grantBucketReadWrite({ bucketArn: 'arn:aws:s3:::docs' }, role);
    expect(role.policyStatements[0]).toEqual({ Effect: 'Allow', Action: 's3:ListBucket', Resource: 'arn:aws:s3:::docs' });
    expect(role.policyStatements[2]).toEqual({ Effect: 'Allow', Action: ['s3:PutObject', 's3:AbortMultipartUpload'], Resource: 'arn:aws:s3:::docs/*' });
  });

  test.each([
    [{ name: 'bad name' }, 'test/R: name must be 1-64 characters of letters, digits and +=,.@_- (got "bad name")'],
    [{ assumedBy: [] }, 'test/R: assumedBy needs at least one service principal (got [])'],
    [{ assumedBy: ['arn:aws:iam::111122223333:root'] }, 'test/R: assumedBy entries must be service principals such as lambda.amazonaws.com (got "arn:aws:iam::111122223333:root")'],
    [{ managedPolicyArns: ['AmazonS3FullAccess'] }, 'test/R: managedPolicyArns must be IAM policy ARNs (arn:aws:iam::...:policy/...) (got "AmazonS3FullAccess")'],
  ] as [Partial<ServiceRoleProps>, string][])('ServiceRole rejects %j', (props, message) => {
    expectValidationError(() => new ServiceRole(newStack(), 'R', { name: 'r', assumedBy: ['ec2.amazonaws.com'], ...props }), message);
  });
});

describe('InstanceRole', () => {
  test('SSM-managed (no SSH) with the CloudWatch agent policy and an instance profile', () => {
    const stack = newStack();
    new InstanceRole(stack, 'Role', { name: 'backend' });
    const out = Testing.synth(stack);
    expect(out).toHaveResourceWithProperties(IamRole, { name: 'backend' });
    expect(out).toHaveResourceWithProperties(IamInstanceProfile, { name: 'backend', role: expect.stringMatching(/aws_iam_role\.Role_[0-9A-F]+\.name/) });
    const arns = Object.values(JSON.parse(out).resource.aws_iam_role_policy_attachment as Record<string, { policy_arn: string }>).map((a) => a.policy_arn);
    expect(arns).toEqual(['arn:aws:iam::aws:policy/AmazonSSMManagedInstanceCore', 'arn:aws:iam::aws:policy/CloudWatchAgentServerPolicy']);
  });
});

describe('LaunchTemplate', () => {
  test('IMDSv2 only, encrypted gp3 root volume with the KMS key, no public IP, no SSH key, detailed monitoring, tagged at launch', () => {
    const stack = newStack();
    const key = new EncryptionKey(stack, 'Key', { alias: 'k' });
    template(stack, { encryptionKey: key, instanceTags: { 'backup-plan': 'weekly' }, rootVolume: { sizeGiB: 40 }, userData: 'echo hi' });
    const out = Testing.synth(stack);
    expect(out).toHaveResourceWithProperties(LaunchTemplateResource, {
      name: 'backend',
      image_id: 'ami-0123456789abcdef0',
      instance_type: 't3.medium',
      metadata_options: { http_endpoint: 'enabled', http_tokens: 'required', http_put_response_hop_limit: 1 },
      monitoring: { enabled: true },
      ebs_optimized: 'true',
      network_interfaces: [{ device_index: 0, associate_public_ip_address: 'false', delete_on_termination: 'true', security_groups: ['sg-1'] }],
      block_device_mappings: [
        {
          device_name: '/dev/xvda',
          ebs: { volume_size: 40, volume_type: 'gp3', encrypted: 'true', delete_on_termination: 'true', kms_key_id: expect.stringMatching(/aws_kms_key\.Key_[0-9A-F]+\.arn/) },
        },
      ],
      user_data: '${base64encode("echo hi")}',
    });
    const lt = first(JSON.parse(out), 'aws_launch_template');
    expect(lt.key_name).toBeUndefined();
    expect(lt.tag_specifications).toEqual([
      { resource_type: 'instance', tags: { architecture: 't', environment: 'dev', 'managed-by': 'cdktf', Name: 'backend', 'backup-plan': 'weekly' } },
      { resource_type: 'volume', tags: { architecture: 't', environment: 'dev', 'managed-by': 'cdktf', Name: 'backend', 'backup-plan': 'weekly' } },
    ]);
  });

  test('AMI from a public SSM parameter by default choice of Amazon Linux 2023', () => {
    const stack = newStack();
    template(stack, { machineImage: MachineImage.latestAmazonLinux2023() });
    const out = Testing.synth(stack);
    expect(out).toHaveDataSourceWithProperties(DataAwsSsmParameter, { name: AMAZON_LINUX_2023.x86_64 });
    expect(out).toHaveResourceWithProperties(LaunchTemplateResource, { image_id: expect.stringMatching(/data\.aws_ssm_parameter\.Lt_AmiParameter_[0-9A-F]+\.value/) });
  });

  test.each([
    [{ name: 'lt' }, 'test/Lt: name must be 3-128 characters of letters, digits and ()./_- (got "lt")'],
    [{ instanceType: 'medium' }, 'test/Lt: instanceType must look like family.size, e.g. t3.medium (got "medium")'],
    [{ securityGroupIds: [] }, 'test/Lt: at least one security group is required (got [])'],
    [{ rootVolume: { sizeGiB: 4 } }, 'test/Lt: rootVolume.sizeGiB must be an integer between 8 and 16384 (got 4)'],
    [{ metadataHopLimit: 0 }, 'test/Lt: metadataHopLimit must be an integer between 1 and 64 (got 0)'],
    [{ userData: 'x'.repeat(16_385) }, 'test/Lt: userData must be at most 16 KB (got 16385)'],
    [{ machineImage: MachineImage.fromAmiId('ami-123') }, 'test/Lt: AMI id must look like ami- followed by 8 or 17 hex digits (got "ami-123")'],
    [{ machineImage: MachineImage.fromSsmParameter('aws/service/x') }, 'test/Lt: SSM parameter name must be an absolute path such as /aws/service/ami-amazon-linux-latest/... (got "aws/service/x")'],
  ] as [Partial<LaunchTemplateProps>, string][])('rejects bad input #%#', (props, message) => {
    expectValidationError(() => template(newStack(), props), message);
  });
});

describe('AutoScalingGroup', () => {
  const group = (stack: AwsStack, props: Partial<AutoScalingGroupProps> = {}, lt = template(stack)) =>
    new AutoScalingGroup(stack, 'Asg', { name: 'backend', launchTemplate: lt, subnetIds: ['subnet-a', 'subnet-b'], minSize: 2, maxSize: 10, targetGroupArns: ['tg-arn'], ...props });

  test('ELB health checks, follows the latest template version with a rolling instance refresh, keeps the scaled desired capacity', () => {
    const stack = newStack();
    group(stack);
    const out = Testing.synth(stack);
    expect(out).toHaveResourceWithProperties(AutoscalingGroup, {
      name: 'backend',
      min_size: 2,
      max_size: 10,
      desired_capacity: 2,
      vpc_zone_identifier: ['subnet-a', 'subnet-b'],
      target_group_arns: ['tg-arn'],
      health_check_type: 'ELB',
      health_check_grace_period: 300,
      launch_template: { id: expect.stringMatching(/aws_launch_template\.Lt_[0-9A-F]+\.id/), version: expect.stringMatching(/aws_launch_template\.Lt_[0-9A-F]+\.latest_version/) },
      instance_refresh: { strategy: 'Rolling', preferences: { min_healthy_percentage: 100, max_healthy_percentage: 200, instance_warmup: '300', auto_rollback: true } },
      lifecycle: { ignore_changes: ['desired_capacity'] },
    });
    const asg = first(JSON.parse(out), 'aws_autoscaling_group');
    expect(asg.tag).toEqual(expect.arrayContaining([{ key: 'Name', value: 'backend', propagate_at_launch: false }]));
  });

  test('EC2 health checks without target groups; instance refresh can be turned off', () => {
    const stack = newStack();
    group(stack, { targetGroupArns: [], instanceRefresh: false, desiredCapacity: 3 });
    const asg = first(JSON.parse(Testing.synth(stack)), 'aws_autoscaling_group');
    expect(asg).toMatchObject({ health_check_type: 'EC2', desired_capacity: 3 });
    expect(asg.instance_refresh).toBeUndefined();
    expect(asg.target_group_arns).toBeUndefined();
  });

  test('a customer-managed EBS key gets one statement set for the Auto Scaling service-linked role', () => {
    const stack = newStack();
    const key = new EncryptionKey(stack, 'Key', { alias: 'k' });
    const lt = template(stack, { encryptionKey: key });
    group(stack, {}, lt);
    new AutoScalingGroup(stack, 'Asg2', { name: 'other', launchTemplate: lt, subnetIds: ['subnet-a'], minSize: 1, maxSize: 1 });
    const policy = JSON.parse(first(JSON.parse(Testing.synth(stack)), 'aws_kms_key').policy as string);
    const sids = policy.Statement.map((s: { Sid: string }) => s.Sid);
    expect(sids).toEqual(['AccountAdministers', 'CloudWatchLogs', 'ServiceIntegrations', 'AutoScalingEncryptedVolumes', 'AutoScalingEncryptedVolumeGrants']);
    expect(policy.Statement[3].Condition).toEqual({
      StringEquals: { 'kms:CallerAccount': '${data.aws_caller_identity.caller-identity.account_id}', 'kms:ViaService': 'ec2.us-east-1.amazonaws.com' },
      ArnEquals: { 'aws:PrincipalArn': 'arn:aws:iam::${data.aws_caller_identity.caller-identity.account_id}:role/aws-service-role/autoscaling.amazonaws.com/AWSServiceRoleForAutoScaling' },
    });
    expect(policy.Statement[4].Condition.Bool).toEqual({ 'kms:GrantIsForAWSResource': 'true' });
  });

  test('scaleOnCpu: step scaling out above the threshold and in below the floor, each driven by its alarm', () => {
    const stack = newStack();
    const { scaleOut, scaleIn } = group(stack).scaleOnCpu({ scaleOutAbovePercent: 80 });
    expect(scaleOut.alarm.alarmNameInput).toBe('backend-cpu-above-80');
    expect(scaleIn.alarm.alarmNameInput).toBe('backend-cpu-below-30');
    const out = Testing.synth(stack);
    expect(out).toHaveResourceWithProperties(AutoscalingPolicy, { name: 'backend-cpu-scale-out', policy_type: 'StepScaling', step_adjustment: [{ scaling_adjustment: 1, metric_interval_lower_bound: '0' }] });
    expect(out).toHaveResourceWithProperties(AutoscalingPolicy, { name: 'backend-cpu-scale-in', step_adjustment: [{ scaling_adjustment: -1, metric_interval_upper_bound: '0' }] });
    expect(out).toHaveResourceWithProperties(CloudwatchMetricAlarm, {
      alarm_name: 'backend-cpu-above-80',
      namespace: 'AWS/EC2',
      metric_name: 'CPUUtilization',
      comparison_operator: 'GreaterThanThreshold',
      threshold: 80,
      dimensions: { AutoScalingGroupName: expect.stringMatching(/aws_autoscaling_group\.Asg_[0-9A-F]+\.name/) },
      alarm_actions: [expect.stringMatching(/aws_autoscaling_policy\.Asg_ScaleOutPolicy_[0-9A-F]+\.arn/)],
    });
    expect(out).toHaveResourceWithProperties(CloudwatchMetricAlarm, { alarm_name: 'backend-cpu-below-30', comparison_operator: 'LessThanThreshold', threshold: 30 });
  });

  test.each([
    [{ name: 'a:b' }, 'test/Asg: name must be 1-255 characters without colons (got "a:b")'],
    [{ minSize: 1.5 }, 'test/Asg: minSize, maxSize and desiredCapacity must be non-negative integers (got 1.5)'],
    [{ minSize: 0, maxSize: 0 }, 'test/Asg: maxSize must be at least 1 (got 0)'],
    [{ minSize: 5, maxSize: 3 }, 'test/Asg: minSize must not exceed maxSize (got {"minSize":5,"maxSize":3})'],
    [{ desiredCapacity: 11 }, 'test/Asg: desiredCapacity must lie between minSize and maxSize (got 11)'],
    [{ subnetIds: [] }, 'test/Asg: at least one subnet is required (got [])'],
    [{ healthCheckType: 'ELB', targetGroupArns: [] }, 'test/Asg: ELB health checks need at least one target group (got "ELB")'],
    [{ healthCheckGraceSeconds: -1 }, 'test/Asg: healthCheckGraceSeconds must be a non-negative integer (got -1)'],
    [{ instanceRefresh: { minHealthyPercentage: 101 } }, 'test/Asg: instanceRefresh.minHealthyPercentage must be an integer between 0 and 100 (got 101)'],
  ] as [Partial<AutoScalingGroupProps>, string][])('rejects %j', (props, message) => {
    const stack = newStack();
    expectValidationError(() => group(stack, props), message);
  });

  test.each([
    [{ scaleOutAbovePercent: 100 }, 'test/Asg: scaleOutAbovePercent must be between 1 and 99 (got 100)'],
    [{ scaleOutAbovePercent: 50, scaleInBelowPercent: 60 }, 'test/Asg: scaleInBelowPercent must be between 0 and scaleOutAbovePercent (got 60)'],
    [{ scaleOutAbovePercent: 80, step: 0 }, 'test/Asg: step must be a positive integer (got 0)'],
  ] as [CpuScalingProps, string][])('scaleOnCpu rejects %j', (props, message) => {
    const stack = newStack();
    expectValidationError(() => group(stack).scaleOnCpu(props), message);
  });
});

describe('containerUserData', () => {
  const script = containerUserData({
    repositoryUrl: '111122223333.dkr.ecr.us-east-1.amazonaws.com/backend',
    imageTag: '1.0.0',
    region: 'us-east-1',
    logGroupName: '/app',
    environment: { PORT: '8000', DB_SECRET_ARN: 'arn:aws:secretsmanager:us-east-1:111122223333:secret:db' },
  });

  test('runs the image with host networking (IMDSv2 hop limit 1), restart always and CloudWatch logs', () => {
    expect(script).toContain(
      "docker run -d --name app --restart always --network host --log-driver awslogs --log-opt awslogs-region=us-east-1 --log-opt awslogs-group=/app -e PORT='8000' -e DB_SECRET_ARN='arn:aws:secretsmanager:us-east-1:111122223333:secret:db' 111122223333.dkr.ecr.us-east-1.amazonaws.com/backend:1.0.0",
    );
    expect(script).not.toContain('\\\n');
    expect(script).not.toContain('"');
  });

  test('installs the CloudWatch agent with memory and root-disk metrics per Auto Scaling group', () => {
    const b64 = /echo (\S+) \| base64 -d/.exec(script)![1];
    const config = JSON.parse(Buffer.from(b64, 'base64').toString());
    expect(config).toEqual(CLOUDWATCH_AGENT_CONFIG);
    expect(config.metrics.append_dimensions.AutoScalingGroupName).toBe('${aws:AutoScalingGroupName}');
    expect(config.metrics.aggregation_dimensions).toEqual([['AutoScalingGroupName']]);
  });

  test('rejects values that would break the shell quoting', () => {
    expect(() => containerUserData({ repositoryUrl: 'r', imageTag: 't', region: 'us-east-1', logGroupName: '/a', environment: { A: "it's" } })).toThrow(
      'containerUserData: environment names must be shell identifiers and values must not contain quotes or backslashes (got "A")',
    );
  });
});
