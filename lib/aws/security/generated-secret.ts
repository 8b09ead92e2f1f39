import { SecretsmanagerSecret } from '@cdktf/provider-aws/lib/secretsmanager-secret';
import { SecretsmanagerSecretVersion } from '@cdktf/provider-aws/lib/secretsmanager-secret-version';
import { Password } from '@cdktf/provider-random/lib/password';
import { Construct } from 'constructs';
import { randomProvider } from '../../core/random';
import { Rule, validateProps } from '../../core/validation';
import { requireProps } from '../../core/validation';

/**
 * A reference to a Secrets Manager secret (or one JSON key of it), as
 * containers and IAM policies need it: ECS injects it, the execution role
 * may read only it and decrypt it with its key.
 */
export interface SecretRef {
  /** ARN of the secret. */
  readonly secretArn: string;
  /**
   * Key inside a JSON secret (`password` of an RDS-managed secret).
   * @default the whole secret string
   */
  readonly jsonKey?: string;
  /**
   * KMS key that encrypts the secret; readers need `kms:Decrypt` on it.
   * @default the AWS-managed `aws/secretsmanager` key (no grant needed)
   */
  readonly kmsKeyArn?: string;
}

/** The `valueFrom` of an ECS container secret: the ARN, or `<arn>:<json key>::`. */
export function secretValueFrom(ref: SecretRef): string {
  return ref.jsonKey === undefined ? ref.secretArn : `${ref.secretArn}:${ref.jsonKey}::`;
}

export interface GeneratedSecretProps {
  /** Secret name, e.g. `dev/stockwiz/postgres-password`. */
  readonly name: string;
  /**
   * What the secret is for.
   * @default the name
   */
  readonly description?: string;
  /**
   * KMS key ARN that encrypts the secret.
   * @default the AWS-managed `aws/secretsmanager` key
   */
  readonly kmsKeyArn?: string;
  /**
   * Length of the generated value (16-128).
   * @default 32
   */
  readonly length?: number;
  /**
   * Days a deleted secret stays recoverable: 0 (delete at once) or 7-30.
   * @default 30
   */
  readonly recoveryWindowDays?: number;
}

const RULES: Rule<GeneratedSecretProps>[] = [
  { rule: 'name must be 1-512 characters of letters, digits and /_+=.@-', check: (p) => (/^[A-Za-z0-9/_+=.@-]{1,512}$/.test(p.name) ? undefined : p.name) },
  {
    rule: 'length must be an integer between 16 and 128',
    check: (p) => (p.length !== undefined && !(Number.isInteger(p.length) && p.length >= 16 && p.length <= 128) ? p.length : undefined),
  },
  {
    rule: 'recoveryWindowDays must be 0 or an integer between 7 and 30',
    check: (p) =>
      p.recoveryWindowDays !== undefined && !(p.recoveryWindowDays === 0 || (Number.isInteger(p.recoveryWindowDays) && p.recoveryWindowDays >= 7 && p.recoveryWindowDays <= 30))
        ? p.recoveryWindowDays
        : undefined,
  },
];

/**
 * A Secrets Manager secret whose value Terraform generates (`random_password`,
 * letters and digits only so it is safe in URLs, connection strings and Redis
 * AUTH): the value never appears in the configuration, only in the encrypted
 * state and the secret.
 */
export class GeneratedSecret extends Construct {
  public readonly secret: SecretsmanagerSecret;
  public readonly secretArn: string;
  public readonly kmsKeyArn?: string;
  /** The generated value, as a Terraform reference (for resources that take it directly, like a Redis AUTH token). */
  public readonly value: string;

  constructor(scope: Construct, id: string, props: GeneratedSecretProps) {
    super(scope, id);
    requireProps(this, props, ['name']);
    validateProps(this, props, RULES);
    const password = new Password(this, 'Value', { length: props.length ?? 32, special: false, minLower: 1, minUpper: 1, minNumeric: 1, provider: randomProvider(this) });
    this.secret = new SecretsmanagerSecret(this, 'Resource', {
      name: props.name,
      description: props.description ?? props.name,
      kmsKeyId: props.kmsKeyArn,
      recoveryWindowInDays: props.recoveryWindowDays ?? 30,
    });
    new SecretsmanagerSecretVersion(this, 'Version', { secretId: this.secret.id, secretString: password.result });
    this.secretArn = this.secret.arn;
    this.kmsKeyArn = props.kmsKeyArn;
    this.value = password.result;
  }

  /** A reference for containers and IAM policies. */
  ref(): SecretRef {
    return { secretArn: this.secretArn, kmsKeyArn: this.kmsKeyArn };
  }
}
