import { ITerraformDependable } from 'cdktf';

/**
 * Typed IAM policy vocabulary, modelled on aws-cdk-lib's `aws-iam`
 * (`PolicyStatement`, `PolicyDocument`, `IPrincipal`, `IGrantable`). Every
 * policy the library writes (role inline policies, trust policies, bucket,
 * queue, topic and key policies) is built from these and rendered by
 * `toJSON()` in IAM's own spelling:
 *
 * ```ts
 * new PolicyStatement({ actions: ['s3:GetObject'], resources: [`${bucketArn}/*`], principals: [new ServicePrincipal('cloudfront.amazonaws.com')] })
 * ```
 *
 * Actions and resources render as given: a string stays a string, an array
 * stays an array (IAM accepts both; keeping the caller's form keeps the
 * synthesized JSON stable).
 */

/** Allow or deny. */
export type Effect = 'Allow' | 'Deny';

/** IAM condition block: operator → key → value, e.g. `{ StringEquals: { 'aws:SourceAccount': '123' } }`. */
export type Conditions = Record<string, Record<string, unknown>>;

/** The `Principal` element of a statement, as IAM JSON spells it. */
export type PrincipalJson = '*' | { readonly [kind: string]: string | string[] };

/** A principal named in a resource or trust policy (`Principal` element). */
export abstract class PolicyPrincipal {
  /** `AWS`, `Service`, `Federated`, or `*` for the bare wildcard. */
  abstract readonly kind: string;
  /** One value, or several rendered as an array. */
  abstract readonly value: string | readonly string[];
}

/** An AWS service, e.g. `lambda.amazonaws.com` (several render as an array). */
export class ServicePrincipal extends PolicyPrincipal {
  readonly kind = 'Service';
  constructor(public readonly value: string | readonly string[]) {
    super();
  }
}

/** An IAM entity by ARN (a role, a user, an account root). */
export class ArnPrincipal extends PolicyPrincipal {
  readonly kind = 'AWS';
  constructor(public readonly value: string | readonly string[]) {
    super();
  }
}

/** The root of an account: IAM in that account decides who uses the permission. */
export class AccountRootPrincipal extends ArnPrincipal {
  constructor(accountId: string, partition = 'aws') {
    super(`arn:${partition}:iam::${accountId}:root`);
  }
}

/** Any AWS principal (`{ "AWS": "*" }`), narrowed by the statement's conditions. */
export class AnyPrincipal extends ArnPrincipal {
  constructor() {
    super('*');
  }
}

class RawPrincipal extends PolicyPrincipal {
  constructor(
    public readonly kind: string,
    public readonly value: string | readonly string[],
  ) {
    super();
  }
}

function principalOf(kind: string, value: string | readonly string[]): PolicyPrincipal {
  if (kind === 'Service') return new ServicePrincipal(value);
  if (kind === 'AWS') return new ArnPrincipal(value);
  return new RawPrincipal(kind, value);
}

/** The bare wildcard `"Principal": "*"` (everyone, including anonymous callers), for deny statements. */
export class StarPrincipal extends PolicyPrincipal {
  readonly kind = '*';
  readonly value = '*';
}

export interface PolicyStatementProps {
  /**
   * Statement id.
   * @default none
   */
  readonly sid?: string;
  /** @default 'Allow' */
  readonly effect?: Effect;
  /** Actions, e.g. `['s3:GetObject']` or `'sqs:*'`. */
  readonly actions: string | readonly string[];
  /**
   * Resource ARNs (`'*'` for actions without resource-level permissions).
   * @default no `Resource` element (trust policies)
   */
  readonly resources?: string | readonly string[];
  /**
   * Principals (resource and trust policies only; identity policies have none).
   * @default no `Principal` element
   */
  readonly principals?: readonly PolicyPrincipal[];
  /**
   * Condition block, e.g. `{ StringLike: { 's3:prefix': ['tmp/*'] } }`.
   * @default unconditional
   */
  readonly conditions?: Conditions;
}

/** The JSON IAM reads for one statement. */
export interface PolicyStatementJson {
  readonly Sid?: string;
  readonly Effect: Effect;
  readonly Principal?: PrincipalJson;
  readonly Action: string | string[];
  readonly Resource?: string | string[];
  readonly Condition?: Conditions;
}

const copy = (v: string | readonly string[]): string | string[] => (typeof v === 'string' ? v : [...v]);

/** One IAM policy statement. */
export class PolicyStatement {
  public readonly sid?: string;
  public readonly effect: Effect;
  private actionList: string | string[];
  private resourceList?: string | string[];
  private readonly principalList: PolicyPrincipal[];
  private conditionBlock?: Conditions;

  /**
   * A statement from IAM JSON (as aws-cdk-lib's `PolicyStatement.fromJson`), for statements copied from AWS documentation.
   * `Principal` may be `"*"` or an object of `AWS` / `Service` / `Federated` / `CanonicalUser` values.
   */
  static fromJson(json: {
    readonly Sid?: string;
    readonly Effect?: Effect;
    readonly Principal?: PrincipalJson;
    readonly Action: string | readonly string[];
    readonly Resource?: string | readonly string[];
    readonly Condition?: Conditions;
  }): PolicyStatement {
    const principals: PolicyPrincipal[] =
      json.Principal === undefined ? [] : json.Principal === '*' ? [new StarPrincipal()] : Object.entries(json.Principal).map(([kind, value]) => principalOf(kind, value));
    return new PolicyStatement({ sid: json.Sid, effect: json.Effect, principals, actions: json.Action, resources: json.Resource, conditions: json.Condition });
  }

  constructor(props: PolicyStatementProps) {
    this.sid = props.sid;
    this.effect = props.effect ?? 'Allow';
    this.actionList = copy(props.actions);
    this.resourceList = props.resources === undefined ? undefined : copy(props.resources);
    this.principalList = [...(props.principals ?? [])];
    this.conditionBlock = props.conditions;
  }

  /** The actions, always as a list. */
  get actions(): readonly string[] {
    return typeof this.actionList === 'string' ? [this.actionList] : this.actionList;
  }

  /** The resources, always as a list (empty when the statement has none). */
  get resources(): readonly string[] {
    if (this.resourceList === undefined) return [];
    return typeof this.resourceList === 'string' ? [this.resourceList] : this.resourceList;
  }

  /** The principals (empty for identity-policy statements). */
  get principals(): readonly PolicyPrincipal[] {
    return this.principalList;
  }

  /** The condition block, if any. */
  get conditions(): Conditions | undefined {
    return this.conditionBlock;
  }

  addActions(...actions: string[]): void {
    this.actionList = [...this.actions, ...actions];
  }

  addResources(...resources: string[]): void {
    this.resourceList = [...this.resources, ...resources];
  }

  addPrincipals(...principals: PolicyPrincipal[]): void {
    this.principalList.push(...principals);
  }

  /** Adds (or merges into) one condition operator, e.g. `addCondition('StringEquals', { 'aws:SourceAccount': id })`. */
  addCondition(operator: string, values: Record<string, unknown>): void {
    const current = this.conditionBlock ?? {};
    this.conditionBlock = { ...current, [operator]: { ...(current[operator] ?? {}), ...values } };
  }

  /** The statement in IAM JSON (keys in IAM's customary order: Sid, Effect, Principal, Action, Resource, Condition). */
  toJSON(): PolicyStatementJson {
    const principal = renderPrincipals(this.principalList);
    return {
      ...(this.sid !== undefined ? { Sid: this.sid } : {}),
      Effect: this.effect,
      ...(principal !== undefined ? { Principal: principal } : {}),
      Action: this.actionList,
      ...(this.resourceList !== undefined ? { Resource: this.resourceList } : {}),
      ...(this.conditionBlock !== undefined ? { Condition: this.conditionBlock } : {}),
    };
  }
}

function renderPrincipals(principals: readonly PolicyPrincipal[]): PrincipalJson | undefined {
  if (principals.length === 0) return undefined;
  if (principals.some((p) => p.kind === '*')) return '*';
  const byKind = new Map<string, PolicyPrincipal[]>();
  for (const p of principals) byKind.set(p.kind, [...(byKind.get(p.kind) ?? []), p]);
  const out: Record<string, string | string[]> = {};
  for (const [kind, list] of byKind) {
    // One principal given as one string renders as a string; anything else as a (deduplicated) array.
    out[kind] = list.length === 1 ? copy(list[0].value) : [...new Set(list.flatMap((p) => (typeof p.value === 'string' ? [p.value] : [...p.value])))];
  }
  return out;
}

/** The JSON IAM reads for a policy document. */
export interface PolicyDocumentJson {
  readonly Version: '2012-10-17';
  readonly Statement: PolicyStatementJson[];
}

/** A policy document: the statements of one inline, trust or resource policy. */
export class PolicyDocument {
  private readonly list: PolicyStatement[] = [];

  constructor(props: { readonly statements?: readonly PolicyStatement[] } = {}) {
    this.list.push(...(props.statements ?? []));
  }

  /** A trust policy letting `services` assume a role (`sts:AssumeRole`), optionally under `conditions`. */
  static assumeRole(services: readonly string[], conditions?: Conditions): PolicyDocument {
    return new PolicyDocument({
      statements: [
        new PolicyStatement({ principals: [new ServicePrincipal(services.length === 1 ? services[0] : services)], actions: 'sts:AssumeRole', conditions }),
      ],
    });
  }

  addStatements(...statements: PolicyStatement[]): void {
    this.list.push(...statements);
  }

  get statements(): readonly PolicyStatement[] {
    return this.list;
  }

  get isEmpty(): boolean {
    return this.list.length === 0;
  }

  toJSON(): PolicyDocumentJson {
    return { Version: '2012-10-17', Statement: this.list.map((s) => s.toJSON()) };
  }

  /** The document as the JSON string Terraform's `policy` / `assume_role_policy` arguments take. */
  render(): string {
    return JSON.stringify(this.toJSON());
  }
}

/** What `addToPrincipalPolicy` reports. */
export interface AddToPrincipalPolicyResult {
  /** False when the principal cannot carry identity policies, or already had the statement. */
  readonly statementAdded: boolean;
}

/**
 * An identity that can be given permissions: statements go into its identity
 * (inline) policy. `ServiceRole` is one; `InstanceRole`, `PythonFunction`, ...
 * expose theirs as `grantPrincipal`.
 */
export interface IPrincipal extends IGrantable {
  /** Adds `statement` to this principal's identity policy (duplicates are dropped). */
  addToPrincipalPolicy(statement: PolicyStatement): AddToPrincipalPolicyResult;
  /**
   * The resources that carry granted permissions (role, inline policy, attachments); `Grant.dependables` returns them.
   * @default none
   */
  readonly grantDependables?: ITerraformDependable[];
}

/** Anything that can be granted permissions, as aws-cdk-lib's `iam.IGrantable`: it names the principal that receives them. */
export interface IGrantable {
  readonly grantPrincipal: IPrincipal;
}
