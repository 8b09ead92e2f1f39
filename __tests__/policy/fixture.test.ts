import { AWS_PACK, AZURE_PACK, checkApp, Policy } from '../../lib/policy';
import { buildInsecureApp, MISCONFIGURATIONS } from './fixture/insecure-app';

describe('insecure fixture app', () => {
  const app = buildInsecureApp();
  Policy.enable(app, { packs: [AWS_PACK, AZURE_PACK], print: false });
  const reports = checkApp(app)!;
  const failed = reports.flatMap((r) => r.findings.filter((f) => f.result === 'fail').map((f) => ({ stack: r.stack, rule: f.ruleId, path: f.path })));

  test('holds at least 30 distinct misconfigurations across both clouds', () => {
    const distinct = new Set(MISCONFIGURATIONS.map((m) => `${m.stack}/${m.construct}/${m.rule}`));
    expect(distinct.size).toBe(MISCONFIGURATIONS.length);
    expect(MISCONFIGURATIONS.length).toBeGreaterThanOrEqual(30);
    expect(MISCONFIGURATIONS.filter((m) => m.stack === 'insecure-aws').length).toBeGreaterThanOrEqual(15);
    expect(MISCONFIGURATIONS.filter((m) => m.stack === 'insecure-azure').length).toBeGreaterThanOrEqual(15);
  });

  test.each(MISCONFIGURATIONS.map((m, i) => [i + 1, m.rule, m.construct, m] as const))('#%i %s flags %s', (_n, rule, construct, m) => {
    const hit = failed.filter((f) => f.stack === m.stack && f.rule === rule && (f.path === `${m.stack}/${construct}` || f.path.startsWith(`${m.stack}/${construct}/`)));
    expect(hit.length).toBeGreaterThan(0);
  });

  test('errors name the construct path and the offending attribute and value', () => {
    const aws = reports.find((r) => r.stack === 'insecure-aws')!;
    expect(aws.errors).toContainEqual(expect.stringContaining('AWS-S3-006 insecure-aws/BucketAcl: S3 bucket ACL is not public (got acl="public-read"). Fix:'));
    expect(aws.errors).toContainEqual(expect.stringContaining('AWS-RDS-004 insecure-aws/Database: database is not publicly accessible (got publicly_accessible=true)'));
  });
});
