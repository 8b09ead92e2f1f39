import { FederatedIdentityCredential } from '@cdktf/provider-azurerm/lib/federated-identity-credential';
import { Construct } from 'constructs';
import { Rule, validateProps, requireProps } from '../../core/validation';
import { AzureResourceProps } from '../core/placement';
import { AvmCommonProps } from '../core/interfaces';
import { ManagedIdentity } from './managed-identity';

/** GitHub Actions workflows allowed to sign in as the identity (OpenID Connect, no stored secret). */
export interface GitHubFederation {
  /** `owner/repository`. */
  readonly repository: string;
  /**
   * What the token's subject must be after `repo:<owner/repository>:`, one credential each:
   * `ref:refs/heads/main` (a branch), `environment:production` (a GitHub environment), `pull_request`.
   */
  readonly subjects: string[];
}

export interface PipelineIdentityProps extends AzureResourceProps, AvmCommonProps {
  /**
   * Federated credentials for GitHub Actions (`azure/login` with `client-id`, `tenant-id`, `subscription-id`).
   * @default none: add the federation of your CI system to the identity (its `clientId` is an output)
   */
  readonly github?: GitHubFederation;
}

const GITHUB_ISSUER = 'https://token.actions.githubusercontent.com';
const RULES: Rule<PipelineIdentityProps>[] = [
  { rule: 'github.repository must be owner/repository', check: (p) => (p.github && !/^[A-Za-z0-9_.-]+\/[A-Za-z0-9_.-]+$/.test(p.github.repository) ? p.github.repository : undefined) },
  { rule: 'github.subjects needs at least one subject (e.g. ref:refs/heads/main)', check: (p) => (p.github && p.github.subjects.length === 0 ? p.github.subjects : undefined) },
  {
    rule: 'github.subjects must be ref:refs/..., environment:<name>, pull_request or job_workflow_ref:... (without the repo: prefix)',
    check: (p) => p.github?.subjects.find((x) => !/^(ref:refs\/(heads|tags)\/[^\s]+|environment:[^\s]+|pull_request|job_workflow_ref:[^\s]+)$/.test(x)),
  },
];

/**
 * The identity a CI/CD pipeline signs in as: a user-assigned managed identity
 * (no client secret to store or rotate), optionally federated with GitHub
 * Actions workflows through OpenID Connect. Grant it what the pipeline does
 * (`registry.grantPush(ci.principalId)`, `webApp.grantDeploy(ci.principalId)`).
 */
export class PipelineIdentity extends Construct {
  public readonly identity: ManagedIdentity;
  public readonly principalId: string;
  /** `client-id` of `azure/login`. */
  public readonly clientId: string;
  public readonly credentials: FederatedIdentityCredential[];

  constructor(scope: Construct, id: string, props: PipelineIdentityProps = {}) {
    super(scope, id);
    requireProps(this, props, []);
    validateProps(this, props, RULES);
    this.identity = new ManagedIdentity(this, 'Identity', { nameQualifier: props.nameQualifier ?? 'ci', name: props.name, location: props.location, resourceGroupName: props.resourceGroupName, tags: props.tags, lock: props.lock, roleAssignments: props.roleAssignments });
    this.principalId = this.identity.principalId;
    this.clientId = this.identity.clientId;
    const gh = props.github;
    this.credentials = (gh?.subjects ?? []).map(
      (subject) =>
        new FederatedIdentityCredential(this, `GitHub-${subject.replace(/[^A-Za-z0-9-]/g, '-')}`, {
          name: `github-${gh!.repository}-${subject}`.replace(/[^A-Za-z0-9-]/g, '-').slice(0, 120),
          resourceGroupName: this.identity.resource.resourceGroupName,
          parentId: this.identity.id,
          issuer: GITHUB_ISSUER,
          audience: ['api://AzureADTokenExchange'],
          subject: `repo:${gh!.repository}:${subject}`,
        }),
    );
  }
}
