/*
 * The committed diagrams, environment diffs, cost pages and README sections
 * are what the generators produce from the app as it is now (one in-process
 * synthesis), and they say what the stacks say.
 */
import * as fs from 'fs';
import * as path from 'path';
import { generateAll, Generated } from '../../scripts/docs/generate';
import { buildStacks, Stack, synthInProcess } from '../../scripts/docs/model';

const ROOT = path.resolve(__dirname, '..', '..');
const FIX = 'out of date: run `npm run docs` and commit the result';

let stacks: Stack[];
let g: Generated;

beforeAll(() => {
  stacks = buildStacks(synthInProcess(ROOT));
  g = generateAll(stacks);
}, 60_000);

const read = (rel: string) => (fs.existsSync(path.join(ROOT, rel)) ? fs.readFileSync(path.join(ROOT, rel), 'utf8') : undefined);

describe('committed docs are fresh', () => {
  test('every generated file matches the committed one', () => {
    const stale = [...g.files.entries()].filter(([rel, content]) => read(rel) !== content).map(([rel]) => rel);
    expect({ stale, fix: stale.length > 0 ? FIX : 'ok' }).toEqual({ stale: [], fix: 'ok' });
  });

  test('every SVG was rendered from the committed DOT source', () => {
    const stale = [...g.dots.entries()]
      .filter(([dot, hash]) => !(read(dot.replace(/\.dot$/, '.svg')) ?? '').includes(`dot-sha256: ${hash}`))
      .map(([dot]) => dot.replace(/\.dot$/, '.svg'));
    expect({ stale, fix: stale.length > 0 ? FIX : 'ok' }).toEqual({ stale: [], fix: 'ok' });
  });

  test('no committed output belongs to a stack or architecture that no longer exists', () => {
    const extra: string[] = [];
    for (const dir of ['docs/diagrams', 'docs/envdiff', 'docs/cost']) {
      for (const f of fs.readdirSync(path.join(ROOT, dir))) {
        const rel = `${dir}/${f}`;
        if (!g.files.has(rel.replace(/\.svg$/, '.dot'))) extra.push(rel);
      }
    }
    expect({ extra, fix: extra.length > 0 ? FIX : 'ok' }).toEqual({ extra: [], fix: 'ok' });
  });

  test('one diagram, one cost page per stack; one envdiff per architecture with several environments', () => {
    for (const s of stacks) {
      expect(g.files.has(`docs/diagrams/${s.name}.dot`)).toBe(true);
      expect(g.files.has(`docs/cost/${s.name}.md`)).toBe(true);
    }
    expect(g.diffs.map((d) => d.arch)).toEqual(expect.arrayContaining(['canalco', 'personal-tech', 'stockwiz']));
    expect(g.diffs.map((d) => d.arch)).not.toContain('tfstate-aws');
  });

  test('README shows one diagram inline, links every stack, and carries the envdiff and cost tables', () => {
    const readme = g.files.get('README.md')!;
    expect(readme).toContain('![canalco-prod](docs/diagrams/canalco-prod.svg)');
    for (const s of stacks) expect(readme).toContain(`(docs/diagrams/${s.name}.svg)`);
    expect(readme).toMatch(/<!-- envdiff:begin -->[\s\S]*\| RDS Multi-AZ \| ❌ \| ✅ \| ✅ \|[\s\S]*<!-- envdiff:end -->/);
    expect(readme).toMatch(/<!-- cost:begin -->[\s\S]*\[`canalco-prod`\]\(docs\/cost\/canalco-prod\.md\)[\s\S]*<!-- cost:end -->/);
  });
});

describe('diagram of the largest stack (canalco-prod) stays readable and says what the stack says', () => {
  const dot = () => g.files.get('docs/diagrams/canalco-prod.dot')!;

  test('200+ resources fold into a few dozen nodes', () => {
    const s = stacks.find((x) => x.name === 'canalco-prod')!;
    expect(s.resources.length).toBeGreaterThan(200);
    const nodes = dot().match(/^\s+n_\w+ \[label=/gm) ?? [];
    expect(nodes.length).toBeGreaterThan(15);
    expect(nodes.length).toBeLessThan(45);
  });

  test('VPC and subnet tiers are nested groups with their CIDRs', () => {
    expect(dot()).toMatch(/subgraph cluster_aws_vpc_\w+ \{\n\s+label=<<b>VPC canalco-prod-vpc<\/b><br\/><font point-size="9">10\.0\.0\.0\/16/);
    expect(dot()).toContain('<b>public subnets</b><br/><font point-size="9">10.0.1.0/24 (us-east-1a)<br/>10.0.2.0/24 (us-east-1b)');
    expect(dot()).toContain('<b>private subnets</b><br/><font point-size="9">10.0.10.0/24 (us-east-1a)<br/>10.0.11.0/24 (us-east-1b)');
    expect(dot()).toContain('<b>isolated subnets</b><br/><font point-size="9">10.0.20.0/24 (us-east-1a)<br/>10.0.21.0/24 (us-east-1b)');
  });

  test('traffic edges come from the security group rules, with ports', () => {
    expect(dot()).toMatch(/internet -> n_aws_lb_\w+ \[label="tcp 443"/);
    expect(dot()).toMatch(/n_aws_lb_\w+ -> n_aws_autoscaling_group_\w+ \[label="tcp 8000"/);
    expect(dot()).toMatch(/n_aws_autoscaling_group_\w+ -> n_aws_db_instance_\w+ \[label="tcp 5432"/);
  });

  test('plumbing is hidden behind its parent, repeated children collapsed', () => {
    expect(dot()).not.toMatch(/n_aws_route_table|n_aws_iam_|n_aws_s3_bucket_policy|n_aws_vpc_security_group/);
    expect(dot()).toMatch(/<b>CloudWatch alarm ×18<\/b>/);
    expect(dot()).toMatch(/\+\d+ attached/);
  });

  test('nodes carry kind, name and size', () => {
    expect(dot()).toContain('<b>RDS</b><br/>canalco-db-prod<br/><font point-size="8" color="#444444">postgres 15 · db.t3.medium · Multi-AZ · 50 GB');
    expect(dot()).toContain('t3.medium · 2-10 instances');
  });
});

describe('diagram of an Azure stack (personal-tech-prod)', () => {
  const dot = () => g.files.get('docs/diagrams/personal-tech-prod.dot')!;
  test('VNet → subnets with CIDRs, services behind private endpoints drawn in the endpoint subnet', () => {
    expect(dot()).toContain('<b>VNet vnet-personal-tech-prod-eus</b><br/><font point-size="9">10.21.0.0/22');
    const pe = dot().split('subgraph cluster_').find((x) => x.includes('<b>subnet snet-pe</b>'))!;
    expect(pe).toContain('<b>PostgreSQL flexible</b>');
    expect(pe).toContain('<b>Azure Cache for Redis</b>');
  });
  test('NSG rules become edges between subnets with their ports; the app reaches the database through its Key Vault secret', () => {
    expect(dot()).toMatch(/anchor_\w+snet_app\w* -> anchor_\w+snet_pe\w* \[label="tcp 443, 5432, 6380"/);
    expect(dot()).toMatch(/n_azurerm_linux_web_app_\w+ -> n_azurerm_postgresql_flexible_server_\w+ \[label="via secret"/);
  });
});

describe('cost of the current stacks', () => {
  test('every meter has a price and every resource type a rule or a no-charge entry', () => {
    const gaps = g.costs.flatMap((c) => [...c.unknownMeters.map((l) => `${c.stack.name}: ${l.key}`), ...[...c.unpricedTypes.keys()].map((t) => `${c.stack.name}: ${t}`)]);
    // a gap: add the price row to prices/<cloud>-<region>-<yyyy-mm>.json or a rule / no-charge entry to scripts/docs/pricing.ts
    expect(gaps).toEqual([]);
  });
  test("seed 001's B1 plan costs what the seed says ($13.14)", () => {
    const c = g.costs.find((x) => x.stack.name === 'personal-tech-dev')!;
    expect(c.lines.find((l) => l.key === 'appservice.linux.B1')!.monthly).toBe(13.14);
  });
  test('canalco-prod prices its Multi-AZ database, both NAT gateways and 2-instance floor', () => {
    const c = g.costs.find((x) => x.stack.name === 'canalco-prod')!;
    expect(c.lines.find((l) => l.key === 'rds.postgres.db.t3.medium.multi_az')!.monthly).toBe(105.12);
    expect(c.lines.find((l) => l.key === 'vpc.nat_gateway.hour')!.qty).toBe(1460);
    expect(c.lines.find((l) => l.key === 'ec2.t3.medium')!.qty).toBe(1460);
    expect(c.total).toBeGreaterThan(300);
  });
});

describe('environment diff of canalco (3 environments)', () => {
  const d = () => g.diffs.find((x) => x.arch === 'canalco')!;
  test('named settings read from the synthesized JSON', () => {
    const rows = new Map(d().settings.get('Settings')!.map((r) => [r[0], r.slice(1)]));
    expect(d().envs).toEqual(['dev', 'staging', 'prod']);
    expect(rows.get('Backend instance type')).toEqual(['t3.small', 't3.medium', 't3.medium']);
    expect(rows.get('Auto Scaling min-max')).toEqual(['1-2', '2-4', '2-10']);
    expect(rows.get('NAT gateways')).toEqual(['1', '2', '2']);
    expect(rows.get('RDS backup retention (days)')).toEqual(['7', '30', '30']);
    expect(rows.get('RDS deletion protection')).toEqual(['❌', '✅', '✅']);
  });
  test('resources present in some environments only, and differing attribute values', () => {
    expect(d().markdown).toMatch(/\| NAT gateway canalco-<env>-nat-us-east-1b \| — \| ✅ \| ✅ \|/);
    expect(d().markdown).toMatch(/\| Auto Scaling group canalco-backend-<env> \| `max_size` \| 2 \| 4 \| 10 \|/);
    expect(d().markdown).toMatch(/\| RDS canalco-db-<env> \| `multi_az` \| false \| true \| true \|/);
  });
});
