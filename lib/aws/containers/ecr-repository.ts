import { EcrLifecyclePolicy } from '@cdktf/provider-aws/lib/ecr-lifecycle-policy';
import { EcrRepository as EcrRepositoryResource } from '@cdktf/provider-aws/lib/ecr-repository';
import { Construct } from 'constructs';
import { Rule, validateProps, intInRange } from '../../core/validation';
import { requireProps } from '../../core/validation';

export interface EcrRepositoryProps {
  /** Repository name, e.g. `dev-stockwiz-api-gateway`. */
  readonly name: string;
  /**
   * KMS key ARN that encrypts the images.
   * @default AES-256 with an Amazon-managed key
   */
  readonly kmsKeyArn?: string;
  /**
   * Tags cannot be overwritten once pushed (a tag always names the same image).
   * @default true
   */
  readonly immutableTags?: boolean;
  /**
   * Tags that stay movable while every other tag is immutable (e.g. `latest` for a dev pipeline
   * that pushes `latest` and the commit SHA). Wildcards `*` are allowed. Requires `immutableTags`.
   * @default none: every tag is immutable
   */
  readonly mutableTagExceptions?: string[];
  /**
   * Number of images kept; older ones expire.
   * @default 30
   */
  readonly keepLastImages?: number;
  /**
   * Days after which untagged images expire.
   * @default 7
   */
  readonly untaggedExpireDays?: number;
  /**
   * Let `terraform destroy` delete a repository that still holds images.
   * @default false
   */
  readonly forceDelete?: boolean;
  /**
   * Refuse `terraform destroy` of the repository (`lifecycle.prevent_destroy`), for production images.
   * @default false
   */
  readonly preventDestroy?: boolean;
}

const positive = (v: number | undefined, max: number) => v === undefined || intInRange(v, 1, max);

const RULES: Rule<EcrRepositoryProps>[] = [
  {
    rule: 'name must be 2-256 lowercase letters, digits and separators (. _ - /), starting with a letter or digit',
    check: (p) => (/^(?=.{2,256}$)[a-z0-9]+(?:[._-][a-z0-9]+)*(?:\/[a-z0-9]+(?:[._-][a-z0-9]+)*)*$/.test(p.name) ? undefined : p.name),
  },
  { rule: 'keepLastImages must be an integer between 1 and 10000', check: (p) => (positive(p.keepLastImages, 10000) ? undefined : p.keepLastImages) },
  { rule: 'untaggedExpireDays must be an integer between 1 and 3650', check: (p) => (positive(p.untaggedExpireDays, 3650) ? undefined : p.untaggedExpireDays) },
  {
    rule: 'mutableTagExceptions need immutableTags and at most 5 filters',
    check: (p) => ((p.mutableTagExceptions ?? []).length > 0 && (p.immutableTags === false || p.mutableTagExceptions!.length > 5) ? p.mutableTagExceptions : undefined),
  },
];

/**
 * An ECR repository with scan on push, KMS encryption, immutable tags by
 * default and a lifecycle policy that expires untagged images and keeps the
 * last N images.
 */
export class EcrRepository extends Construct {
  public readonly repository: EcrRepositoryResource;
  public readonly name: string;
  public readonly arn: string;
  /** `<account>.dkr.ecr.<region>.amazonaws.com/<name>`. */
  public readonly repositoryUrl: string;

  constructor(scope: Construct, id: string, props: EcrRepositoryProps) {
    super(scope, id);
    requireProps(this, props, ['name']);
    validateProps(this, props, RULES);
    const exceptions = props.mutableTagExceptions ?? [];
    const immutable = props.immutableTags ?? true;
    this.repository = new EcrRepositoryResource(this, 'Resource', {
      name: props.name,
      imageTagMutability: !immutable ? 'MUTABLE' : exceptions.length > 0 ? 'IMMUTABLE_WITH_EXCLUSION' : 'IMMUTABLE',
      imageTagMutabilityExclusionFilter: exceptions.length > 0 ? exceptions.map((filter) => ({ filter, filterType: 'WILDCARD' })) : undefined,
      imageScanningConfiguration: { scanOnPush: true },
      encryptionConfiguration: [props.kmsKeyArn ? { encryptionType: 'KMS', kmsKey: props.kmsKeyArn } : { encryptionType: 'AES256' }],
      forceDelete: props.forceDelete ?? false,
      lifecycle: props.preventDestroy ? { preventDestroy: true } : undefined,
    });
    this.name = props.name;
    this.arn = this.repository.arn;
    this.repositoryUrl = this.repository.repositoryUrl;

    new EcrLifecyclePolicy(this, 'Lifecycle', {
      repository: this.repository.name,
      policy: JSON.stringify({
        rules: [
          {
            rulePriority: 1,
            description: `Expire untagged images after ${props.untaggedExpireDays ?? 7} days`,
            selection: { tagStatus: 'untagged', countType: 'sinceImagePushed', countUnit: 'days', countNumber: props.untaggedExpireDays ?? 7 },
            action: { type: 'expire' },
          },
          {
            rulePriority: 2,
            description: `Keep the last ${props.keepLastImages ?? 30} images`,
            selection: { tagStatus: 'any', countType: 'imageCountMoreThan', countNumber: props.keepLastImages ?? 30 },
            action: { type: 'expire' },
          },
        ],
      }),
    });
  }
}
