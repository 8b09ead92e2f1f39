import { IamRole } from '@cdktf/provider-aws/lib/iam-role';
import { IamRolePolicy } from '@cdktf/provider-aws/lib/iam-role-policy';
import { IamRolePolicyAttachment } from '@cdktf/provider-aws/lib/iam-role-policy-attachment';
import { ITerraformDependable, Lazy } from 'cdktf';
import { Construct } from 'constructs';
import { Rule, validateProps } from '../../core/validation';
import { requireProps } from '../../core/validation';

/** One IAM policy statement, written the way IAM JSON spells it. */
export interface PolicyStatement {
  /**
   * Statement id.
   * @default none
   */
  readonly Sid?: string;
  /** @default 'Allow' */
  readonly Effect?: 'Allow' | 'Deny';
  readonly Action: string | string[];
  readonly Resource: string | string[];
  /**
   * IAM condition block, e.g. `{ StringEquals: { 'cloudwatch:namespace': 'App' } }`.
   * @default unconditional
   */
  readonly Condition?: Record<string, Record<string, unknown>>;
}

/**
 * Something that can be granted permissions: an IAM role whose inline policy
 * collects statements (the `grant*` helpers in `grants.ts` call `addToPolicy`).
 */
export interface IGrantable {
  readonly roleName: string;
  readonly roleArn: string;
  /** Adds a statement to the role's inline policy (duplicates are dropped). */
  addToPolicy(statement: PolicyStatement): void;
  /**
   * The resources that carry granted permissions (role, inline policy); `Grant.dependables` returns them.
   * @default none
   */
  readonly grantDependables?: ITerraformDependable[];
}

export interface ServiceRoleProps {
  /** Role name, 1-64 characters of letters, digits and `+=,.@_-`. */
  readonly name: string;
  /** Service principals allowed to assume the role, e.g. `lambda.amazonaws.com`. */
  readonly assumedBy: string[];
  /**
   * What the role is for.
   * @default the name
   */
  readonly description?: string;
  /**
   * AWS-managed (or account) policy ARNs attached to the role.
   * @default none: only the inline statements added with `addToPolicy` / the `grant*` helpers
   */
  readonly managedPolicyArns?: string[];
  /**
   * Permissions boundary policy ARN.
   * @default no boundary
   */
  readonly permissionsBoundaryArn?: string;
}

const RULES: Rule<ServiceRoleProps>[] = [
  { rule: 'name must be 1-64 characters of letters, digits and +=,.@_-', check: (p) => (/^[\w+=,.@-]{1,64}$/.test(p.name) ? undefined : p.name) },
  { rule: 'assumedBy needs at least one service principal', check: (p) => (p.assumedBy.length === 0 ? p.assumedBy : undefined) },
  {
    rule: 'assumedBy entries must be service principals such as lambda.amazonaws.com',
    check: (p) => p.assumedBy.find((s) => !/^[a-z0-9.-]+\.amazonaws\.com(\.cn)?$/.test(s)),
  },
  {
    rule: 'managedPolicyArns must be IAM policy ARNs (arn:aws:iam::...:policy/...)',
    check: (p) => (p.managedPolicyArns ?? []).find((a) => !/^arn:aws[a-z-]*:iam::(aws|\d{12}):policy\/.+$/.test(a)),
  },
];

/**
 * An IAM role assumed by an AWS service, least privilege by construction: it
 * starts with no permissions; managed policies are attached explicitly and
 * every other permission is a statement in one inline policy, added by the
 * `grant*` helpers (`grantBucketRead(bucket, role)`, `queue.grantConsumeMessages(role)`, ...).
 */
export class ServiceRole extends Construct implements IGrantable {
  public readonly role: IamRole;
  public readonly roleName: string;
  public readonly roleArn: string;
  private readonly statements: PolicyStatement[] = [];
  private readonly keys = new Set<string>();
  private policy?: IamRolePolicy;
  private readonly attachments: IamRolePolicyAttachment[] = [];

  constructor(scope: Construct, id: string, props: ServiceRoleProps) {
    super(scope, id);
    requireProps(this, props, ['name', 'assumedBy']);
    validateProps(this, props, RULES);
    this.role = new IamRole(this, 'Resource', {
      name: props.name,
      description: props.description ?? props.name,
      permissionsBoundary: props.permissionsBoundaryArn,
      assumeRolePolicy: JSON.stringify({
        Version: '2012-10-17',
        Statement: [{ Effect: 'Allow', Principal: { Service: props.assumedBy.length === 1 ? props.assumedBy[0] : props.assumedBy }, Action: 'sts:AssumeRole' }],
      }),
    });
    this.roleName = this.role.name;
    this.roleArn = this.role.arn;
    (props.managedPolicyArns ?? []).forEach((arn) => this.addManagedPolicy(arn));
  }

  /** Attaches a managed policy (`arn:aws:iam::aws:policy/...`). */
  addManagedPolicy(policyArn: string): void {
    const name = policyArn.split('/').pop()!.replace(/[^A-Za-z0-9]/g, '');
    this.attachments.push(new IamRolePolicyAttachment(this, `Managed${name}`, { role: this.roleName, policyArn }));
  }

  addToPolicy(statement: PolicyStatement): void {
    const normalized: PolicyStatement = { Effect: 'Allow', ...statement };
    const key = JSON.stringify(normalized);
    if (this.keys.has(key)) return;
    this.keys.add(key);
    this.statements.push(normalized);
    this.policy ??= new IamRolePolicy(this, 'Policy', {
      name: 'least-privilege',
      role: this.role.id,
      policy: Lazy.stringValue({ produce: () => JSON.stringify({ Version: '2012-10-17', Statement: this.statements }) }),
    });
  }

  /**
   * The role, its managed policy attachments and its inline policy as they are now:
   * resources whose creation AWS validates against the role's permissions
   * (a Lambda function in a VPC or with a dead-letter queue, an event source mapping) depend on these.
   */
  get dependables(): (IamRole | IamRolePolicy | IamRolePolicyAttachment)[] {
    return [this.role, ...this.attachments, ...(this.policy ? [this.policy] : [])];
  }

  get grantDependables(): ITerraformDependable[] {
    return this.dependables;
  }

  /** The statements of the inline policy so far (for tests and reviews). */
  get policyStatements(): readonly PolicyStatement[] {
    return this.statements;
  }
}
