import { IamRolePolicy } from '@cdktf/provider-aws/lib/iam-role-policy';
import { Construct } from 'constructs';
import { AwsStack } from '../aws-stack';
import { PolicyStatement, ServiceRole } from '../security/role';
import { ContainerProps } from './container-definition';

/** What the task's roles are built from. */
export interface TaskRolesProps {
  /** Service name (role name prefixes and descriptions). */
  readonly name: string;
  /** The task's containers: their ECR images and secrets decide the execution role's permissions. */
  readonly containers: readonly ContainerProps[];
  /** ARN of the log group the containers write to. */
  readonly logGroupArn: string;
  /**
   * Give the task role the SSM channels `aws ecs execute-command` needs.
   * @default false
   */
  readonly enableExecuteCommand?: boolean;
}

/**
 * The two roles of a Fargate task, {@link ServiceRole}s assumable only by
 * `ecs-tasks.amazonaws.com` from this account (`aws:SourceAccount`, the
 * confused-deputy guard), named by Terraform from a prefix of at most 36
 * characters (IAM allows 38):
 * - the execution role (ECS agent): write the task's log group, pull from the
 *   task's ECR repositories (and only them), read exactly the secrets the
 *   containers name and decrypt them through Secrets Manager;
 * - the task role (the containers' code): empty until statements are added
 *   (`addToTaskRolePolicy`, the `grant*` helpers).
 *
 * The roles are children `ExecutionRole` and `TaskRole` of `scope`.
 */
export class TaskRoles {
  public readonly executionRole: ServiceRole;
  public readonly taskRole: ServiceRole;

  constructor(scope: Construct, props: TaskRolesProps) {
    const stack = AwsStack.of(scope);
    const prefix = props.name.slice(0, 30);
    const role = (id: string, suffix: string, description: string) => {
      const r = new ServiceRole(scope, id, {
        namePrefix: `${prefix}-${suffix}-`,
        description,
        assumedBy: ['ecs-tasks.amazonaws.com'],
        assumeRoleConditions: { StringEquals: { 'aws:SourceAccount': stack.accountId } },
      });
      // Until 2026-12 the role was a plain IamRole `<service>/<id>`: a `moved` block from that address keeps the
      // live role (a new address alone would replace it and every task definition naming it). Remove after a release.
      r.movedFromLegacy(id);
      return r;
    };
    this.executionRole = role('ExecutionRole', 'exec', `${props.name}: pull images, write logs, read secrets`);
    this.taskRole = role('TaskRole', 'task', `${props.name}: the containers' AWS permissions`);
    executionStatements(props.containers, props.logGroupArn, stack.region).forEach((s) => this.executionRole.addToPolicy(s));
    if (props.enableExecuteCommand) {
      this.taskRole.addToPolicy(
        new PolicyStatement({
          actions: ['ssmmessages:CreateControlChannel', 'ssmmessages:CreateDataChannel', 'ssmmessages:OpenControlChannel', 'ssmmessages:OpenDataChannel'],
          resources: '*',
        }),
      );
    }
  }

  /** The execution role's inline policy: the service's first tasks need it, so the service depends on it. */
  get executionPolicy(): IamRolePolicy {
    return this.executionRole.dependables.find((d): d is IamRolePolicy => d instanceof IamRolePolicy)!;
  }
}

/** The execution role's statements: logs always; ECR, secrets and their keys only when the containers use them. */
function executionStatements(containers: readonly ContainerProps[], logGroupArn: string, region: string): PolicyStatement[] {
  const repos = unique(containers.map((c) => c.image.repositoryArn));
  const secrets = containers.flatMap((c) => Object.values(c.secrets ?? {}));
  const secretArns = unique(secrets.map((s) => s.secretArn));
  const keys = unique(secrets.map((s) => s.kmsKeyArn));
  const statements = [new PolicyStatement({ sid: 'WriteLogs', actions: ['logs:CreateLogStream', 'logs:PutLogEvents'], resources: `${logGroupArn}:log-stream:*` })];
  if (repos.length > 0) {
    // GetAuthorizationToken has no resource-level permissions; pulls are limited to the task's repositories.
    statements.push(new PolicyStatement({ sid: 'EcrAuth', actions: 'ecr:GetAuthorizationToken', resources: '*' }));
    statements.push(new PolicyStatement({ sid: 'EcrPull', actions: ['ecr:BatchCheckLayerAvailability', 'ecr:BatchGetImage', 'ecr:GetDownloadUrlForLayer'], resources: repos }));
  }
  if (secretArns.length > 0) statements.push(new PolicyStatement({ sid: 'ReadSecrets', actions: 'secretsmanager:GetSecretValue', resources: secretArns }));
  if (keys.length > 0) {
    statements.push(
      new PolicyStatement({
        sid: 'DecryptSecrets',
        actions: 'kms:Decrypt',
        resources: keys,
        conditions: { StringEquals: { 'kms:ViaService': `secretsmanager.${region}.amazonaws.com` } },
      }),
    );
  }
  return statements;
}

function unique(xs: Array<string | undefined>): string[] {
  return [...new Set(xs.filter((x): x is string => x !== undefined))];
}
