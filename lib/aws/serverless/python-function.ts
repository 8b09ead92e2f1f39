import { LambdaAlias } from '@cdktf/provider-aws/lib/lambda-alias';
import { LambdaFunction } from '@cdktf/provider-aws/lib/lambda-function';
import { S3BucketVersioningA } from '@cdktf/provider-aws/lib/s3-bucket-versioning';
import { S3Object } from '@cdktf/provider-aws/lib/s3-object';
import { ITerraformDependable, AssetType, Fn, Lazy, TerraformAsset, Token } from 'cdktf';
import { archiveDirectory } from '../../core/archive';
import { Construct } from 'constructs';
import { existsSync, statSync } from 'fs';
import { isAbsolute, resolve } from 'path';
import { CLOUDWATCH_RETENTION_DAYS } from '../../core/config';
import { Rule, validateProps, intInRange } from '../../core/validation';
import { DeadLetterQueue } from '../messaging/queue';
import { AlarmTopic, MetricAlarm } from '../monitoring/alarms';
import { LogGroup } from '../monitoring/log-group';
import { Connections, IConnectable } from '../network/connections';
import { SecurityGroup } from '../network/security-group';
import { IVpc, SubnetSelection } from '../network/vpc';
import type { IPrincipal } from '../security/policy';
import { grantKeyDecrypt, grantLogsWrite } from '../security/grants';
import type { SecureBucket } from '../storage/secure-bucket';
import { IGrantable, PolicyStatement, ServiceRole } from '../security/role';
import { requireProps } from '../../core/validation';

/** The oldest Python runtime the library accepts. */
export const MIN_PYTHON_MINOR = 11;

/** Network placement of a function inside a VPC. */
export interface FunctionVpcPlacement {
  /** Private subnets the function's network interfaces use. */
  readonly subnetIds: string[];
  /**
   * Security groups of those interfaces (egress rules decide what the function can reach); they become the function's `connections`.
   * @default none (then `securityGroupIds` must name one)
   */
  readonly securityGroups?: SecurityGroup[];
  /**
   * Ids of existing security groups, added to `securityGroups`.
   * @default none
   */
  readonly securityGroupIds?: string[];
}

export interface PythonFunctionProps {
  /** Function name, 1-59 characters of letters, digits, hyphens and underscores (the role is `<name>-role`). */
  readonly functionName: string;
  /** Directory holding the handler module; it is zipped in-process at synth (`archiveDirectory`) and shipped as a `TerraformAsset`. Relative paths resolve from the working directory. */
  readonly codePath: string;
  /**
   * `module.function` of the entry point.
   * @default 'handler.handler'
   */
  readonly handler?: string;
  /**
   * Python runtime, `python3.11` or newer.
   * @default 'python3.12'
   */
  readonly runtime?: string;
  /**
   * Instruction set.
   * @default 'arm64' (Graviton: cheaper per GB-second; the handlers are pure Python)
   */
  readonly architecture?: 'arm64' | 'x86_64';
  /**
   * Memory in MiB (128-10240).
   * @default 256
   */
  readonly memoryMiB?: number;
  /**
   * @deprecated Use `memoryMiB` (the same number; the library names memory in MiB everywhere). Accepted for one release.
   * @default none: `memoryMiB`
   */
  readonly memoryMb?: number;
  /**
   * Timeout in seconds (1-900).
   * @default 30
   */
  readonly timeoutSeconds?: number;
  /**
   * Environment variables. Names that look like secrets (PASSWORD, SECRET, TOKEN, API_KEY)
   * are refused unless they end in `_ARN` / `_NAME` / `_ID`: pass where the secret lives, not its value.
   * @default none
   */
  readonly environment?: Record<string, string>;
  /**
   * Concurrent executions reserved for (and capped at) this function. With an SQS trigger, below 5 needs the
   * trigger's `maxConcurrency` (the SQS poller starts with five concurrent batches; see `QueueTrigger`).
   * @default unreserved: the function shares the account's pool
   */
  readonly reservedConcurrency?: number;
  /**
   * Versioned bucket the zip is shipped to as an S3 object (`<functionName>/function.zip`, encrypted with
   * `kmsKeyArn` when set); the function runs that object version (`s3_bucket` / `s3_key` / `s3_object_version`),
   * so every deployed package stays in the bucket's version history.
   * @default the zip is uploaded with the function itself (`filename`), no copy in S3
   */
  readonly codeBucket?: SecureBucket;
  /**
   * Publish a version on every code or configuration change and keep an alias of this name on the newest one.
   * Triggers (`onSchedule`, `onTopic`, `onQueue`) then invoke the alias, so a rollback moves the alias to an
   * earlier published version without touching the triggers.
   * @default no alias: no versions are published and triggers invoke $LATEST
   */
  readonly alias?: string;
  /**
   * KMS key ARN for the environment variables and the log group.
   * @default AWS-managed keys
   */
  readonly kmsKeyArn?: string;
  /**
   * Days the function's log group `/aws/lambda/<name>` keeps events.
   * @default 365
   */
  readonly logRetentionDays?: number;
  /**
   * Run inside a VPC: an `IVpc` (with `vpcSubnets` and `securityGroups`), or the older explicit placement.
   * @default outside any VPC
   */
  readonly vpc?: IVpc | FunctionVpcPlacement;
  /**
   * Which subnets of `vpc` (when `vpc` is an `IVpc`).
   * @default the private subnets
   */
  readonly vpcSubnets?: SubnetSelection;
  /**
   * Security groups of the function's interfaces (when `vpc` is an `IVpc`).
   * @default none (a function in a VPC needs one)
   */
  readonly securityGroups?: SecurityGroup[];
  /**
   * Where failed asynchronous invocations (schedules, SNS) go after Lambda's retries.
   * @default a new encrypted `<name>-dlq` queue
   */
  readonly deadLetterQueue?: DeadLetterQueue;
  /**
   * X-Ray active tracing.
   * @default true
   */
  readonly tracing?: boolean;
  /**
   * What the function does.
   * @default none
   */
  readonly description?: string;
}

const SECRET_NAME = /(PASSWORD|PASSWD|SECRET|TOKEN|API_?KEY|PRIVATE_?KEY)/i;
const intIn = (v: number | undefined, min: number, max: number) => (v === undefined || intInRange(v, min, max) ? undefined : v);

const ENV_RULES: Rule<{ environment?: Record<string, string> }>[] = [
  {
    rule: 'environment variable names must start with a letter, use letters, digits and underscores, and not start with AWS_',
    check: (p) => Object.keys(p.environment ?? {}).find((k) => !/^[A-Za-z]\w*$/.test(k) || k.startsWith('AWS_')),
  },
  {
    rule: 'environment must not carry secrets: pass the secret ARN or name (…_ARN, …_NAME, …_ID) and read it at runtime',
    check: (p) => Object.keys(p.environment ?? {}).find((k) => SECRET_NAME.test(k) && !/_(ARN|NAME|ID)$/i.test(k)),
  },
];

type PlacedFunctionProps = PythonFunctionProps & { readonly vpc?: FunctionVpcPlacement };

const isVpc = (v: IVpc | FunctionVpcPlacement): v is IVpc => typeof (v as IVpc).selectSubnets === 'function';

/** The explicit placement of `props.vpc`: an `IVpc` becomes its selected subnets and `props.securityGroups`. */
function functionPlacement(props: PythonFunctionProps): FunctionVpcPlacement | undefined {
  const vpc = props?.vpc;
  if (vpc === undefined || !isVpc(vpc)) return vpc;
  return { subnetIds: vpc.selectSubnets(props.vpcSubnets ?? { tier: 'private' }).subnetIds, securityGroups: props.securityGroups };
}

const RULES: Rule<PlacedFunctionProps>[] = [
  {
    rule: 'functionName must be 1-59 characters of letters, digits, hyphens and underscores',
    check: (p) => (/^[A-Za-z0-9_-]{1,59}$/.test(p.functionName) ? undefined : p.functionName),
  },
  {
    rule: `runtime must be python3.${MIN_PYTHON_MINOR} or newer`,
    check: (p) => {
      if (p.runtime === undefined) return undefined;
      const m = /^python3\.(\d+)$/.exec(p.runtime);
      return m && Number(m[1]) >= MIN_PYTHON_MINOR ? undefined : p.runtime;
    },
  },
  { rule: 'codePath must be an existing directory', check: (p) => (existsSync(p.codePath) && statSync(p.codePath).isDirectory() ? undefined : p.codePath) },
  { rule: 'handler must be "module.function"', check: (p) => (p.handler === undefined || /^[A-Za-z_][\w.]*\.[A-Za-z_]\w*$/.test(p.handler) ? undefined : p.handler) },
  { rule: 'memoryMiB must be an integer between 128 and 10240', check: (p) => intIn(p.memoryMiB ?? p.memoryMb, 128, 10_240) },
  { rule: 'give memoryMiB only (memoryMb is its deprecated alias)', check: (p) => (p.memoryMiB !== undefined && p.memoryMb !== undefined ? { memoryMiB: p.memoryMiB, memoryMb: p.memoryMb } : undefined) },
  { rule: 'timeoutSeconds must be an integer between 1 and 900', check: (p) => intIn(p.timeoutSeconds, 1, 900) },
  { rule: 'reservedConcurrency must be a non-negative integer', check: (p) => intIn(p.reservedConcurrency, 0, Number.MAX_SAFE_INTEGER) },
  {
    rule: `logRetentionDays must be one of ${CLOUDWATCH_RETENTION_DAYS.join(', ')}`,
    check: (p) => (p.logRetentionDays === undefined || (CLOUDWATCH_RETENTION_DAYS as readonly number[]).includes(p.logRetentionDays) ? undefined : p.logRetentionDays),
  },
  ...ENV_RULES,
  {
    rule: 'alias must be 1-128 letters, digits, hyphens and underscores, and not only digits (those are version numbers)',
    check: (p) => (p.alias === undefined || Token.isUnresolved(p.alias) || (/^[A-Za-z0-9_-]{1,128}$/.test(p.alias) && !/^\d+$/.test(p.alias)) ? undefined : p.alias),
  },
  {
    rule: 'codeBucket must have versioning enabled (the function pins the object version it runs)',
    check: (p) => (p.codeBucket && bucketVersioning(p.codeBucket) !== 'Enabled' ? p.codeBucket.node.path : undefined),
  },
  { rule: 'vpc needs at least one subnet and one security group', check: (p) => (p.vpc && (p.vpc.subnetIds.length === 0 || (p.vpc.securityGroups ?? []).length + (p.vpc.securityGroupIds ?? []).length === 0) ? p.vpc : undefined) },
];

/** Status of a SecureBucket's versioning resource (its `Versioning` child), or undefined when it has none. */
function bucketVersioning(bucket: SecureBucket): string | undefined {
  const v = bucket.node.tryFindChild('Versioning');
  return v instanceof S3BucketVersioningA ? v.versioningConfigurationInput?.status : undefined;
}

/**
 * A Python Lambda function packaged from a directory of the repository, with
 * everything it should never be without: its own role (logs to its own log
 * group, nothing else until granted), its own log group with a retention
 * period (JSON logs), X-Ray active tracing, a dead-letter queue for failed
 * asynchronous invocations, environment variables encrypted with the given
 * key and checked for secrets. The runtime must be Python 3.11 or newer.
 *
 * With `codeBucket` the zip is shipped as an object of a versioned bucket and
 * the function runs that object version; with `alias` every change publishes a
 * version and the alias (which the triggers invoke) follows it.
 *
 * Triggers: `onSchedule`, `onTopic`, `onQueue` (see `triggers.ts`).
 */
export class PythonFunction extends Construct implements IGrantable, IConnectable {
  public readonly function: LambdaFunction;
  public readonly functionName: string;
  public readonly functionArn: string;
  public readonly role: ServiceRole;
  public readonly logGroup: LogGroup;
  public readonly deadLetterQueue: DeadLetterQueue;
  public readonly timeoutSeconds: number;
  public readonly runtime: string;
  /** Concurrent executions reserved for the function (undefined: unreserved). */
  public readonly reservedConcurrency?: number;
  /** The alias the triggers invoke (undefined without the `alias` prop). */
  public readonly alias?: LambdaAlias;
  /** The S3 object holding the deployed zip (undefined without `codeBucket`). */
  public readonly codeObject?: S3Object;
  /** The function's network rules (its VPC security groups; none outside a VPC). */
  public readonly connections: Connections;
  private readonly env: Record<string, string>;

  constructor(scope: Construct, id: string, given: PythonFunctionProps) {
    super(scope, id);
    const props: PlacedFunctionProps = { ...given, vpc: functionPlacement(given) };
    requireProps(this, props, ['functionName', 'codePath']);
    validateProps(this, props, RULES, { eager: true }); // eager: construction zips codePath
    const name = props.functionName;
    this.timeoutSeconds = props.timeoutSeconds ?? 30;
    this.runtime = props.runtime ?? 'python3.12';
    this.reservedConcurrency = props.reservedConcurrency;
    this.env = { ...(props.environment ?? {}) };
    const tracing = props.tracing ?? true;
    this.connections = new Connections({ securityGroups: props.vpc?.securityGroups ?? [] });

    this.logGroup = new LogGroup(this, 'Logs', { name: `/aws/lambda/${name}`, retentionDays: props.logRetentionDays ?? 365, kmsKeyArn: props.kmsKeyArn });
    this.role = new ServiceRole(this, 'Role', {
      name: `${name}-role`,
      assumedBy: ['lambda.amazonaws.com'],
      description: `Execution role of the ${name} function`,
      managedPolicyArns: [
        ...(tracing ? ['arn:aws:iam::aws:policy/AWSXRayDaemonWriteAccess'] : []),
        ...(props.vpc ? ['arn:aws:iam::aws:policy/service-role/AWSLambdaVPCAccessExecutionRole'] : []),
      ],
    });
    grantLogsWrite(this.logGroup.arn, this.role);
    if (props.kmsKeyArn) grantKeyDecrypt(props.kmsKeyArn, this.role);

    this.deadLetterQueue = props.deadLetterQueue ?? new DeadLetterQueue(this, 'DeadLetters', { name: `${name}-dlq`, kmsKeyArn: props.kmsKeyArn });
    this.deadLetterQueue.grantSendMessages(this.role);

    const codePath = isAbsolute(props.codePath) ? props.codePath : resolve(props.codePath);
    // Zipped in-process (deterministic, once per directory): cdktf's AssetType.ARCHIVE spawns a node process per asset.
    const archive = archiveDirectory(codePath);
    const code = new TerraformAsset(this, 'Code', { path: archive.file, type: AssetType.FILE, assetHash: archive.hash });
    if (props.codeBucket) {
      // One key per function, versioned by the bucket: a new zip (source_hash) uploads a new version of the object.
      this.codeObject = new S3Object(this, 'CodeObject', {
        bucket: props.codeBucket.bucketName,
        key: `${name}/function.zip`,
        source: code.path,
        sourceHash: Fn.filemd5(code.path),
        contentType: 'application/zip',
        serverSideEncryption: props.kmsKeyArn ? 'aws:kms' : undefined,
        kmsKeyId: props.kmsKeyArn,
        // Uploaded after versioning is on, so the first upload already has a version id.
        dependsOn: props.codeBucket.node.children.filter((c): c is S3BucketVersioningA => c instanceof S3BucketVersioningA),
      });
    }
    const source = this.codeObject
      ? { s3Bucket: this.codeObject.bucket, s3Key: this.codeObject.key, s3ObjectVersion: this.codeObject.versionId }
      : { filename: code.path };

    this.function = new LambdaFunction(this, 'Resource', {
      functionName: name,
      description: props.description,
      role: this.role.roleArn,
      runtime: this.runtime,
      handler: props.handler ?? 'handler.handler',
      architectures: [props.architecture ?? 'arm64'],
      ...source,
      sourceCodeHash: Fn.filebase64sha256(code.path),
      publish: props.alias !== undefined ? true : undefined,
      memorySize: props.memoryMiB ?? props.memoryMb ?? 256,
      timeout: this.timeoutSeconds,
      reservedConcurrentExecutions: props.reservedConcurrency,
      kmsKeyArn: props.kmsKeyArn,
      tracingConfig: { mode: tracing ? 'Active' : 'PassThrough' },
      loggingConfig: { logFormat: 'JSON', logGroup: this.logGroup.name, applicationLogLevel: 'INFO', systemLogLevel: 'WARN' },
      deadLetterConfig: { targetArn: this.deadLetterQueue.queueArn },
      vpcConfig: props.vpc ? { subnetIds: props.vpc.subnetIds, securityGroupIds: [...(props.vpc.securityGroups ?? []).map((g) => g.securityGroupId), ...(props.vpc.securityGroupIds ?? [])] } : undefined,
      // AWS checks at creation that the role may create network interfaces and send to the dead-letter queue.
      dependsOn: this.role.dependables,
    });
    // Lazy so addEnvironment works after construction; no block at all when there are no variables.
    this.function.addOverride('environment', Lazy.anyValue({ produce: () => (Object.keys(this.env).length > 0 ? { variables: this.env } : undefined) }));
    this.functionName = this.function.functionName;
    this.functionArn = this.function.arn;
    if (props.alias !== undefined) {
      this.alias = new LambdaAlias(this, 'Alias', {
        name: props.alias,
        description: `Newest published version of ${name}; move it to an earlier version to roll back`,
        functionName: this.function.functionName,
        functionVersion: this.function.version,
      });
    }
  }

  /** ARN the triggers invoke: the alias when there is one, else the function ($LATEST). */
  get targetArn(): string {
    return this.alias?.arn ?? this.functionArn;
  }

  /** Qualifier of invoke permissions: the alias name, or undefined for the unqualified function. */
  get qualifier(): string | undefined {
    return this.alias?.name;
  }

  get roleName(): string {
    return this.role.roleName;
  }

  get roleArn(): string {
    return this.role.roleArn;
  }

  /** The function's role receives the grants. */
  get grantPrincipal(): IPrincipal {
    return this.role;
  }

  /** Adds a statement to the function's role. */
  addToPolicy(statement: PolicyStatement): void {
    this.role.addToPolicy(statement);
  }

  get grantDependables(): ITerraformDependable[] {
    return this.role.dependables;
  }

  /** Adds (or replaces) an environment variable; the same secret-name rule applies. */
  addEnvironment(key: string, value: string): this {
    validateProps(this, { environment: { [key]: value } }, ENV_RULES);
    this.env[key] = value;
    return this;
  }

  /** CloudWatch metric of this function (`Errors`, `Invocations`, `Throttles`, `Duration`, ...). */
  metric(metricName: string): { namespace: string; metricName: string; dimensions: Record<string, string> } {
    return { namespace: 'AWS/Lambda', metricName, dimensions: { FunctionName: this.functionName } };
  }

  /** Alarms when the function reports more than `threshold` errors in 5 minutes. */
  alarmOnErrors(id: string, props: { name: string; topics: AlarmTopic[]; threshold?: number }): MetricAlarm {
    return new MetricAlarm(this, id, {
      ...this.metric('Errors'),
      name: props.name,
      statistic: 'Sum',
      threshold: props.threshold ?? 0,
      periodSeconds: 300,
      evaluationPeriods: 1,
      description: `Errors of the Lambda function ${props.name}`,
      topics: props.topics,
    });
  }
}
