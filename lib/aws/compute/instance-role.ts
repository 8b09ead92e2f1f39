import { ITerraformDependable } from 'cdktf';
import { IamInstanceProfile } from '@cdktf/provider-aws/lib/iam-instance-profile';
import { Construct } from 'constructs';
import { IGrantable, IPrincipal, PolicyStatement, ServiceRole } from '../security/role';
import { requireProps } from '../../core/validation';

export interface InstanceRoleProps {
  /** Role and instance profile name, 1-64 characters of letters, digits and `+=,.@_-`. */
  readonly name: string;
  /**
   * Attach `CloudWatchAgentServerPolicy` so the CloudWatch agent can publish memory and disk metrics and ship logs.
   * @default true
   */
  readonly cloudWatchAgent?: boolean;
  /**
   * More managed policy ARNs.
   * @default none
   */
  readonly managedPolicyArns?: string[];
}

/**
 * The IAM role and instance profile of EC2 instances managed through Systems
 * Manager instead of SSH: `AmazonSSMManagedInstanceCore` (Session Manager,
 * patching, Run Command), the CloudWatch agent policy, and nothing else until
 * granted (`grantBucketReadWrite(bucket, role)`, `grantSecretRead(arn, role)`, ...).
 */
export class InstanceRole extends Construct implements IGrantable {
  public readonly role: ServiceRole;
  public readonly instanceProfile: IamInstanceProfile;
  public readonly instanceProfileArn: string;
  public readonly instanceProfileName: string;

  constructor(scope: Construct, id: string, props: InstanceRoleProps) {
    super(scope, id);
    requireProps(this, props, ['name']);
    this.role = new ServiceRole(this, 'Role', {
      name: props.name,
      assumedBy: ['ec2.amazonaws.com'],
      description: `EC2 instances of ${props.name}: SSM-managed, no SSH`,
      managedPolicyArns: [
        'arn:aws:iam::aws:policy/AmazonSSMManagedInstanceCore',
        ...((props.cloudWatchAgent ?? true) ? ['arn:aws:iam::aws:policy/CloudWatchAgentServerPolicy'] : []),
        ...(props.managedPolicyArns ?? []),
      ],
    });
    this.instanceProfile = new IamInstanceProfile(this, 'Profile', { name: props.name, role: this.role.roleName });
    this.instanceProfileArn = this.instanceProfile.arn;
    this.instanceProfileName = this.instanceProfile.name;
  }

  get roleName(): string {
    return this.role.roleName;
  }

  get roleArn(): string {
    return this.role.roleArn;
  }

  /** The instance role receives the grants. */
  get grantPrincipal(): IPrincipal {
    return this.role;
  }

  addToPolicy(statement: PolicyStatement): void {
    this.role.addToPolicy(statement);
  }

  get grantDependables(): ITerraformDependable[] {
    return this.role.dependables;
  }
}
