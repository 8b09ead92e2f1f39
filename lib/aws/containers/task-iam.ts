import { IamRole } from '@cdktf/provider-aws/lib/iam-role';
import { IamRolePolicy } from '@cdktf/provider-aws/lib/iam-role-policy';
import { ITerraformDependable, Lazy } from 'cdktf';
import { Construct } from 'constructs';
import { AwsStack } from '../aws-stack';
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
 * The two roles of a Fargate task, both assumable only by `ecs-tasks.amazonaws.com`
 * from this account:
 * - the execution role (ECS agent): write the task's log group, pull from the
 *   task's ECR repositories (and only them), read exactly the secrets the
 *   containers name and decrypt them through Secrets Manager;
 * - the task role (the containers' code): empty until statements are added
 *   (`addToTaskRolePolicy`, the `grant*` helpers).
 *
 * The resources are children of `scope` (`ExecutionRole`, `TaskRole`,
 * `ExecutionPolicy`, `TaskPolicy`).
 */
export class TaskRoles {
  public readonly executionRole: IamRole;
  public readonly taskRole: IamRole;
  /** The execution role's policy: the service's first tasks need it, so the service depends on it. */
  public readonly executionPolicy: IamRolePolicy;
  private readonly taskRoleStatements: Record<string, unknown>[] = [];
  private readonly statementKeys = new Set<string>();
  private taskPolicy?: IamRolePolicy;

  constructor(
    private readonly scope: Construct,
    props: TaskRolesProps,
  ) {
    const stack = AwsStack.of(scope);
    const assumeRolePolicy = JSON.stringify({
      Version: '2012-10-17',
      Statement: [
        {
          Effect: 'Allow',
          Principal: { Service: 'ecs-tasks.amazonaws.com' },
          Action: 'sts:AssumeRole',
          Condition: { StringEquals: { 'aws:SourceAccount': stack.accountId } },
        },
      ],
    });
    const prefix = props.name.slice(0, 30);
    this.executionRole = new IamRole(scope, 'ExecutionRole', { namePrefix: `${prefix}-exec-`, assumeRolePolicy, description: `${props.name}: pull images, write logs, read secrets` });
    this.taskRole = new IamRole(scope, 'TaskRole', { namePrefix: `${prefix}-task-`, assumeRolePolicy, description: `${props.name}: the containers' AWS permissions` });
    this.executionPolicy = new IamRolePolicy(scope, 'ExecutionPolicy', {
      role: this.executionRole.id,
      policy: JSON.stringify({ Version: '2012-10-17', Statement: executionStatements(props.containers, props.logGroupArn, stack.region) }),
    });
    if (props.enableExecuteCommand) {
      this.addToTaskRolePolicy({
        Effect: 'Allow',
        Action: ['ssmmessages:CreateControlChannel', 'ssmmessages:CreateDataChannel', 'ssmmessages:OpenControlChannel', 'ssmmessages:OpenDataChannel'],
        Resource: '*',
      });
    }
  }

  /** Adds a statement to the task role's inline policy (created with the first statement); a statement added twice is kept once. */
  addToTaskRolePolicy(statement: Record<string, unknown>): void {
    this.taskPolicy ??= new IamRolePolicy(this.scope, 'TaskPolicy', {
      role: this.taskRole.id,
      policy: Lazy.stringValue({ produce: () => JSON.stringify({ Version: '2012-10-17', Statement: this.taskRoleStatements }) }),
    });
    const key = JSON.stringify(statement);
    if (this.statementKeys.has(key)) return;
    this.statementKeys.add(key);
    this.taskRoleStatements.push(statement);
  }

  /** The task role and, once it has statements, its policy: what a grant to the task role is carried by. */
  get taskRoleDependables(): ITerraformDependable[] {
    return [this.taskRole, ...(this.taskPolicy ? [this.taskPolicy] : [])];
  }
}

/** The execution role's statements: logs always; ECR, secrets and their keys only when the containers use them. */
function executionStatements(containers: readonly ContainerProps[], logGroupArn: string, region: string): Record<string, unknown>[] {
  const repos = unique(containers.map((c) => c.image.repositoryArn));
  const secrets = containers.flatMap((c) => Object.values(c.secrets ?? {}));
  const secretArns = unique(secrets.map((s) => s.secretArn));
  const keys = unique(secrets.map((s) => s.kmsKeyArn));
  const statements: Record<string, unknown>[] = [
    { Sid: 'WriteLogs', Effect: 'Allow', Action: ['logs:CreateLogStream', 'logs:PutLogEvents'], Resource: `${logGroupArn}:log-stream:*` },
  ];
  if (repos.length > 0) {
    // GetAuthorizationToken has no resource-level permissions; pulls are limited to the task's repositories.
    statements.push({ Sid: 'EcrAuth', Effect: 'Allow', Action: 'ecr:GetAuthorizationToken', Resource: '*' });
    statements.push({ Sid: 'EcrPull', Effect: 'Allow', Action: ['ecr:BatchCheckLayerAvailability', 'ecr:BatchGetImage', 'ecr:GetDownloadUrlForLayer'], Resource: repos });
  }
  if (secretArns.length > 0) statements.push({ Sid: 'ReadSecrets', Effect: 'Allow', Action: 'secretsmanager:GetSecretValue', Resource: secretArns });
  if (keys.length > 0) {
    statements.push({
      Sid: 'DecryptSecrets',
      Effect: 'Allow',
      Action: 'kms:Decrypt',
      Resource: keys,
      Condition: { StringEquals: { 'kms:ViaService': `secretsmanager.${region}.amazonaws.com` } },
    });
  }
  return statements;
}

function unique(xs: Array<string | undefined>): string[] {
  return [...new Set(xs.filter((x): x is string => x !== undefined))];
}
