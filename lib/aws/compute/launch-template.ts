import { LaunchTemplate as LaunchTemplateResource } from '@cdktf/provider-aws/lib/launch-template';
import { Fn } from 'cdktf';
import { Construct } from 'constructs';
import { SecurityGroup } from '../network/security-group';
import { AwsStack } from '../aws-stack';
import { Rule, validateProps } from '../../core/validation';
import { IKey } from '../security/encryption-key';
import { InstanceRole } from './instance-role';
import { MachineImage } from './machine-image';
import { requireProps } from '../../core/validation';

/** The root EBS volume. */
export interface RootVolume {
  /**
   * Size in GiB (8-16384).
   * @default 30
   */
  readonly sizeGiB?: number;
  /**
   * Device name of the AMI's root volume.
   * @default '/dev/xvda' (Amazon Linux)
   */
  readonly deviceName?: string;
}

export interface LaunchTemplateProps {
  /** Template name, 3-128 characters of letters, digits and `()./_-`. */
  readonly name: string;
  /** Instance type, e.g. `t3.medium`. */
  readonly instanceType: string;
  /** The AMI: `MachineImage.fromAmiId(...)` or `MachineImage.fromSsmParameter(...)`. */
  readonly machineImage: MachineImage;
  /** Instance role and profile (SSM-managed, no SSH keys). */
  readonly role: InstanceRole;
  /**
   * Security groups of the instances' network interface; they become the Auto Scaling group's `connections`.
   * @default none (then `securityGroupIds` must name one)
   */
  readonly securityGroups?: SecurityGroup[];
  /**
   * Ids of existing security groups (not managed here), added to `securityGroups`.
   * @default none
   */
  readonly securityGroupIds?: string[];
  /**
   * Root volume size and device.
   * @default 30 GiB gp3 on /dev/xvda
   */
  readonly rootVolume?: RootVolume;
  /**
   * Customer-managed key for the EBS volumes. An `AutoScalingGroup` using the
   * template adds the key-policy statement its service-linked role needs.
   * @default the AWS-managed `aws/ebs` key
   */
  readonly encryptionKey?: IKey;
  /**
   * Boot script (plain text; encoded here). Never put secrets in it: pass ARNs and read them at boot.
   * @default none
   */
  readonly userData?: string;
  /**
   * One-minute CloudWatch metrics.
   * @default true
   */
  readonly detailedMonitoring?: boolean;
  /**
   * IMDSv2 response hop limit (1-64); 1 keeps credentials away from bridged containers (run them with host networking).
   * @default 1
   */
  readonly metadataHopLimit?: number;
  /**
   * Tags added to instances and volumes at launch (e.g. the backup selection tag), on top of the stack's tags.
   * @default the stack's tags and Name
   */
  readonly instanceTags?: Record<string, string>;
}

const RULES: Rule<LaunchTemplateProps>[] = [
  { rule: 'name must be 3-128 characters of letters, digits and ()./_-', check: (p) => (/^[A-Za-z0-9()./_-]{3,128}$/.test(p.name) ? undefined : p.name) },
  { rule: 'instanceType must look like family.size, e.g. t3.medium', check: (p) => (/^[a-z][a-z0-9-]*\.[a-z0-9]+$/.test(p.instanceType) ? undefined : p.instanceType) },
  { rule: 'at least one security group is required', check: (p) => ((p.securityGroups ?? []).length + (p.securityGroupIds ?? []).length === 0 ? [] : undefined) },
  {
    rule: 'rootVolume.sizeGiB must be an integer between 8 and 16384',
    check: (p) => {
      const s = p.rootVolume?.sizeGiB;
      return s === undefined || (Number.isInteger(s) && s >= 8 && s <= 16_384) ? undefined : s;
    },
  },
  {
    rule: 'metadataHopLimit must be an integer between 1 and 64',
    check: (p) => (p.metadataHopLimit === undefined || (Number.isInteger(p.metadataHopLimit) && p.metadataHopLimit >= 1 && p.metadataHopLimit <= 64) ? undefined : p.metadataHopLimit),
  },
  { rule: 'userData must be at most 16 KB', check: (p) => (p.userData !== undefined && Buffer.byteLength(p.userData) > 16_384 ? Buffer.byteLength(p.userData) : undefined) },
];

/**
 * An EC2 launch template that launches hardened instances: IMDSv2 only,
 * encrypted gp3 root volume (KMS), no public IP, no SSH key (Session
 * Manager through the instance role instead), detailed monitoring, EBS
 * optimized, instances and volumes tagged at launch.
 */
export class LaunchTemplate extends Construct {
  public readonly resource: LaunchTemplateResource;
  public readonly launchTemplateId: string;
  /** Latest version number, so an Auto Scaling group's instance refresh follows every change. */
  public readonly latestVersion: number;
  public readonly instanceType: string;
  public readonly encryptionKey?: IKey;
  /** The security groups given as constructs. */
  public readonly securityGroups: SecurityGroup[];

  constructor(scope: Construct, id: string, props: LaunchTemplateProps) {
    super(scope, id);
    requireProps(this, props, ['name', 'instanceType', 'machineImage', 'role']);
    validateProps(this, props, RULES);
    this.instanceType = props.instanceType;
    this.encryptionKey = props.encryptionKey;
    this.securityGroups = props.securityGroups ?? [];
    const launchTags = { ...AwsStack.of(this).tags, Name: props.name, ...(props.instanceTags ?? {}) };

    this.resource = new LaunchTemplateResource(this, 'Resource', {
      name: props.name,
      description: `${props.name}: ${props.instanceType} from ${props.machineImage.source}`,
      imageId: props.machineImage.imageId(this),
      instanceType: props.instanceType,
      updateDefaultVersion: true,
      ebsOptimized: 'true',
      iamInstanceProfile: { arn: props.role.instanceProfileArn },
      metadataOptions: {
        httpEndpoint: 'enabled',
        httpTokens: 'required',
        httpPutResponseHopLimit: props.metadataHopLimit ?? 1,
      },
      monitoring: { enabled: props.detailedMonitoring ?? true },
      networkInterfaces: [{ deviceIndex: 0, associatePublicIpAddress: 'false', deleteOnTermination: 'true', securityGroups: [...(props.securityGroups ?? []).map((g) => g.securityGroupId), ...(props.securityGroupIds ?? [])] }],
      blockDeviceMappings: [
        {
          deviceName: props.rootVolume?.deviceName ?? '/dev/xvda',
          ebs: {
            volumeSize: props.rootVolume?.sizeGiB ?? 30,
            volumeType: 'gp3',
            encrypted: 'true',
            kmsKeyId: props.encryptionKey?.keyArn,
            deleteOnTermination: 'true',
          },
        },
      ],
      userData: props.userData !== undefined ? Fn.base64encode(props.userData) : undefined,
      tagSpecifications: [
        { resourceType: 'instance', tags: launchTags },
        { resourceType: 'volume', tags: launchTags },
      ],
      tags: { Name: props.name },
    });
    this.launchTemplateId = this.resource.id;
    this.latestVersion = this.resource.latestVersion;
  }
}
