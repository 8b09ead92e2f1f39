import { dependable, ITerraformDependable, TerraformResource } from 'cdktf';
import { IGrantable, PolicyStatement, PolicyStatementProps } from './policy';

/**
 * The result of a `grant*` call, as aws-cdk-lib's `iam.Grant`: who got which
 * statements, and what a resource that needs the permission at creation time
 * must depend on (`grant.applyBefore(eventSourceMapping)`).
 */
export class Grant {
  /** Adds `statements` to the identity policy of `grantee`'s principal and returns the grant. */
  static addToPrincipal(grantee: IGrantable, ...statements: Array<PolicyStatement | PolicyStatementProps>): Grant {
    const typed = statements.map((s) => (s instanceof PolicyStatement ? s : new PolicyStatement(s)));
    typed.forEach((s) => grantee.grantPrincipal.addToPrincipalPolicy(s));
    return new Grant(grantee, typed);
  }

  /** One grant made of several (a resource grant plus its key grant). */
  static combine(first: Grant, ...others: Array<Grant | undefined>): Grant {
    return new Grant(first.grantee, [first, ...others].flatMap((g) => (g ? g.statements : [])));
  }

  private constructor(
    /** The grantee that got the permissions. */
    public readonly grantee: IGrantable,
    /** The statements added. */
    public readonly statements: readonly PolicyStatement[],
  ) {}

  /** The principal the statements went to. */
  get principal() {
    return this.grantee.grantPrincipal;
  }

  /** The policy (and role) resources that carry the permissions. */
  get dependables(): ITerraformDependable[] {
    return [...(this.grantee.grantPrincipal.grantDependables ?? [])];
  }

  /** Makes each of `resources` depend on the resources that carry this grant. */
  applyBefore(...resources: TerraformResource[]): void {
    const deps = this.dependables.map((d) => dependable(d));
    for (const r of resources) r.dependsOn = [...new Set([...(r.dependsOn ?? []), ...deps])];
  }
}
