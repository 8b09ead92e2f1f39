import { IamRole } from '@cdktf/provider-aws/lib/iam-role';
import { IamRolePolicy } from '@cdktf/provider-aws/lib/iam-role-policy';
import { IamRolePolicyAttachment } from '@cdktf/provider-aws/lib/iam-role-policy-attachment';
import { ITerraformDependable, Lazy, TerraformStack, Token } from 'cdktf';
import { makeUniqueId } from 'cdktf/lib/private/unique';
import { Construct } from 'constructs';
import { Rule, validateProps } from '../../core/validation';
import { requireProps } from '../../core/validation';
import { AddToPrincipalPolicyResult, Conditions, IPrincipal, PolicyDocument, PolicyStatement, PolicyStatementJson } from './policy';

export * from './policy';

export interface ServiceRoleProps {
  /**
   * Role name, 1-64 characters of letters, digits and `+=,.@_-`. Give `name` or `namePrefix`.
   * @default Terraform names the role from `namePrefix`
   */
  readonly name?: string;
  /**
   * Prefix of a Terraform-generated role name (1-38 characters), for roles created once per construct
   * instance (flow logs, enhanced monitoring, ECS tasks).
   * @default none: `name` is used
   */
  readonly namePrefix?: string;
  /** Service principals allowed to assume the role, e.g. `lambda.amazonaws.com`. */
  readonly assumedBy: string[];
  /**
   * Conditions on `sts:AssumeRole`, e.g. `{ StringEquals: { 'aws:SourceAccount': accountId } }` (confused-deputy guard).
   * @default unconditional
   */
  readonly assumeRoleConditions?: Conditions;
  /**
   * What the role is for.
   * @default the name (none with `namePrefix`)
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
  { rule: 'exactly one of name and namePrefix is required', check: (p) => ((p.name === undefined) === (p.namePrefix === undefined) ? { name: p.name, namePrefix: p.namePrefix } : undefined) },
  { rule: 'name must be 1-64 characters of letters, digits and +=,.@_-', check: (p) => (p.name === undefined || Token.isUnresolved(p.name) || /^[\w+=,.@-]{1,64}$/.test(p.name) ? undefined : p.name) },
  {
    rule: 'namePrefix must be 1-38 characters of letters, digits and +=,.@_-',
    check: (p) => (p.namePrefix === undefined || Token.isUnresolved(p.namePrefix) || /^[\w+=,.@-]{1,38}$/.test(p.namePrefix) ? undefined : p.namePrefix),
  },
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
export class ServiceRole extends Construct implements IPrincipal {
  public readonly role: IamRole;
  public readonly roleName: string;
  public readonly roleArn: string;
  /** The role's inline policy (`least-privilege`), created with its first statement. */
  public readonly policyDocument = new PolicyDocument();
  private readonly keys = new Set<string>();
  private policy?: IamRolePolicy;
  private readonly attachments: IamRolePolicyAttachment[] = [];
  private readonly attachmentArns: string[] = [];

  constructor(scope: Construct, id: string, props: ServiceRoleProps) {
    super(scope, id);
    requireProps(this, props, ['assumedBy']);
    validateProps(this, props, RULES);
    this.role = new IamRole(this, 'Resource', {
      name: props.name,
      namePrefix: props.namePrefix,
      description: props.description ?? props.name,
      permissionsBoundary: props.permissionsBoundaryArn,
      assumeRolePolicy: PolicyDocument.assumeRole(props.assumedBy, props.assumeRoleConditions).render(),
    });
    this.roleName = this.role.name;
    this.roleArn = this.role.arn;
    (props.managedPolicyArns ?? []).forEach((arn) => this.addManagedPolicy(arn));
  }

  /** Attaches a managed policy (`arn:aws:iam::aws:policy/...`). */
  addManagedPolicy(policyArn: string): void {
    const name = policyArn.split('/').pop()!.replace(/[^A-Za-z0-9]/g, '');
    this.attachments.push(new IamRolePolicyAttachment(this, `Managed${name}`, { role: this.roleName, policyArn }));
    this.attachmentArns.push(policyArn);
  }

  /** This role receives the permissions granted to it. */
  get grantPrincipal(): IPrincipal {
    return this;
  }

  addToPrincipalPolicy(statement: PolicyStatement): AddToPrincipalPolicyResult {
    const key = JSON.stringify(statement);
    if (this.keys.has(key)) return { statementAdded: false };
    this.keys.add(key);
    this.policyDocument.addStatements(statement);
    this.policy ??= new IamRolePolicy(this, 'Policy', {
      name: 'least-privilege',
      role: this.role.id,
      policy: Lazy.stringValue({ produce: () => this.policyDocument.render() }),
    });
    return { statementAdded: true };
  }

  /** Adds a statement to the role's inline policy (duplicates are dropped); true when it was new. */
  addToPolicy(statement: PolicyStatement): boolean {
    return this.addToPrincipalPolicy(statement).statementAdded;
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

  /**
   * Adds `moved` blocks from the addresses the role (and its managed-policy attachments)
   * had when they were raw resources with construct ids `legacyRoleId` (and
   * `legacyAttachmentIds`, keyed by policy ARN) next to this construct, so
   * Terraform keeps the live role instead of replacing it.
   */
  movedFromLegacy(legacyRoleId: string, legacyAttachmentIds: Record<string, string> = {}): void {
    const stack = TerraformStack.of(this);
    const scopes = this.node.scopes;
    const parent = scopes.slice(scopes.indexOf(stack) + 1, -1).map((c) => c.node.id);
    this.role.moveFromId(`aws_iam_role.${makeUniqueId([...parent, legacyRoleId])}`);
    this.attachments.forEach((a, i) => {
      const legacy = legacyAttachmentIds[this.attachmentArns[i]];
      if (legacy) a.moveFromId(`aws_iam_role_policy_attachment.${makeUniqueId([...parent, legacy])}`);
    });
  }

  /** The statements of the inline policy so far, as IAM JSON (for tests and reviews). */
  get policyStatements(): readonly PolicyStatementJson[] {
    return this.policyDocument.statements.map((s) => s.toJSON());
  }
}
