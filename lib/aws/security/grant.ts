import { dependable, ITerraformDependable, TerraformResource } from 'cdktf';
import { IGrantable, PolicyStatement } from './role';

/**
 * The result of a `grant*` call, as aws-cdk-lib's `iam.Grant`: who got which
 * statements, and what a resource that needs the permission at creation time
 * must depend on (`grant.applyBefore(eventSourceMapping)`).
 */
export class Grant {
  /** Adds `statements` to `grantee`'s policy and returns the grant. */
  static addToPrincipal(grantee: IGrantable, ...statements: PolicyStatement[]): Grant {
    statements.forEach((s) => grantee.addToPolicy(s));
    return new Grant(grantee, statements);
  }

  /** One grant made of several (a resource grant plus its key grant). */
  static combine(first: Grant, ...others: Array<Grant | undefined>): Grant {
    return new Grant(first.grantee, [first, ...others].flatMap((g) => (g ? g.statements : [])));
  }

  private constructor(
    /** The principal that got the permissions. */
    public readonly grantee: IGrantable,
    /** The statements added. */
    public readonly statements: readonly PolicyStatement[],
  ) {}

  /** The policy (and role) resources that carry the permissions. */
  get dependables(): ITerraformDependable[] {
    return [...(this.grantee.grantDependables ?? [])];
  }

  /** Makes each of `resources` depend on the resources that carry this grant. */
  applyBefore(...resources: TerraformResource[]): void {
    const deps = this.dependables.map((d) => dependable(d));
    for (const r of resources) r.dependsOn = [...new Set([...(r.dependsOn ?? []), ...deps])];
  }
}
