/**
 * The example apps of examples/aws and examples/azure, synthesized the way a user does it:
 * the `app` command of each example's cdktf.json (what `cd examples/<cloud> && npx cdktf synth`
 * runs), in a child process, into a temporary CDKTF_OUTDIR. Then the facts of the synthesized
 * JSON, the policy report (no error), and that the examples use the library's entry points only.
 */
import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import * as ts from 'typescript';

const REPO = path.resolve(__dirname, '..', '..');
const EXAMPLES = path.join(REPO, 'examples');

type Resource = Record<string, unknown>;
interface StackJson {
  terraform: { backend: Record<string, Record<string, unknown>>; required_version: string; required_providers: Record<string, unknown> };
  provider: Record<string, Array<Record<string, unknown>>>;
  resource: Record<string, Record<string, Resource>>;
  output: Record<string, { value: unknown; description: string }>;
}
interface PolicyReport {
  stack: string;
  stage: string;
  rules: number;
  checks: number;
  errors: unknown[];
  findings: Array<{ ruleId: string; severity: string; result: string }>;
}
interface Synthesized {
  status: number | null;
  stderr: string;
  json: StackJson;
  policy: PolicyReport;
}

/** Runs the example's cdktf.json app command; returns the stack JSON and its policy report. */
function synthExample(example: 'aws' | 'azure', stack: string): Synthesized {
  const dir = path.join(EXAMPLES, example);
  const { app } = JSON.parse(fs.readFileSync(path.join(dir, 'cdktf.json'), 'utf8')) as { app: string };
  const outdir = fs.mkdtempSync(path.join(os.tmpdir(), `example-${example}-`));
  try {
    const run = spawnSync(app, {
      cwd: dir,
      shell: true,
      encoding: 'utf8',
      env: { ...process.env, CDKTF_OUTDIR: outdir, CHECKPOINT_DISABLE: '1', CDKTF_SYNTH_WORKERS: '1', CDKTF_BACKEND: '', CDKTF_STACKS: '' },
    });
    if (run.status !== 0) throw new Error(`${app} in examples/${example} exited ${run.status}:\n${run.stderr}`);
    const read = <T>(...p: string[]) => JSON.parse(fs.readFileSync(path.join(outdir, ...p), 'utf8')) as T;
    return { status: run.status, stderr: run.stderr, json: read<StackJson>('stacks', stack, 'cdk.tf.json'), policy: read<PolicyReport>('policy', `${stack}.json`) };
  } finally {
    fs.rmSync(outdir, { recursive: true, force: true });
  }
}

const all = (j: StackJson, type: string) => Object.values(j.resource[type] ?? {});
const only = (j: StackJson, type: string) => {
  const list = all(j, type);
  expect(list).toHaveLength(1);
  return list[0] as Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any
};
const ref = (j: StackJson, type: string) => `\${${type}.${Object.keys(j.resource[type])[0]}`;

describe('examples/aws: the shop app', () => {
  let s: Synthesized;
  beforeAll(() => {
    s = synthExample('aws', 'shop-dev');
  }, 120_000);

  test('synth succeeds with the policy pack on and no policy error', () => {
    expect(s.status).toBe(0);
    expect(s.policy).toMatchObject({ stack: 'shop-dev', stage: 'non-production', errors: [] });
    expect(s.policy.rules).toBeGreaterThan(50); // the AWS pack ran over the stack
    expect(s.policy.checks).toBeGreaterThan(50);
    expect(s.policy.findings.filter((f) => f.severity === 'error' && f.result === 'fail')).toEqual([]);
  });

  test('S3 remote state: key per stack, encrypted, lock file; required_version and the hashicorp/aws source', () => {
    expect(s.json.terraform.backend).toEqual({ s3: { bucket: 'acme-shop-terraform-state', key: 'shop-dev/terraform.tfstate', region: 'eu-west-1', encrypt: true, use_lockfile: true } });
    expect(s.json.terraform.required_version).toBe('>= 1.10.0');
    expect(s.json.terraform.required_providers.aws).toMatchObject({ source: 'hashicorp/aws' });
    expect(s.json.provider.aws[0].region).toBe('eu-west-1');
  });

  test('VPC 10.40.0.0/16: public, private and isolated subnets in eu-west-1a/b, one NAT', () => {
    expect(only(s.json, 'aws_vpc').cidr_block).toBe('10.40.0.0/16');
    const subnets = all(s.json, 'aws_subnet').map((x) => [x.cidr_block, x.availability_zone, (x.tags as Record<string, string>).tier]);
    expect(subnets).toEqual(
      expect.arrayContaining([
        ['10.40.0.0/24', 'eu-west-1a', 'public'],
        ['10.40.1.0/24', 'eu-west-1b', 'public'],
        ['10.40.10.0/24', 'eu-west-1a', 'private'],
        ['10.40.11.0/24', 'eu-west-1b', 'private'],
        ['10.40.20.0/24', 'eu-west-1a', 'isolated'],
        ['10.40.21.0/24', 'eu-west-1b', 'isolated'],
      ]),
    );
    expect(subnets).toHaveLength(6);
    expect(all(s.json, 'aws_nat_gateway')).toHaveLength(1);
    expect(all(s.json, 'aws_flow_log')).toHaveLength(1);
  });

  test('HTTPS ALB: HTTP redirects, / → web :3000, two path rules /api/* (10) and /auth/* (20) → api :8080', () => {
    expect(only(s.json, 'aws_lb')).toMatchObject({ name: 'dev-shop', internal: false, load_balancer_type: 'application' });
    const listeners = all(s.json, 'aws_lb_listener');
    expect(listeners.map((l) => [l.port, l.protocol]).sort()).toEqual([[443, 'HTTPS'], [80, 'HTTP']]);
    expect(listeners.find((l) => l.port === 80)!.default_action).toEqual([expect.objectContaining({ type: 'redirect' })]);
    const tgs = Object.entries(s.json.resource.aws_lb_target_group);
    expect(tgs.map(([, t]) => [t.name, t.port, t.target_type]).sort()).toEqual([['dev-shop-api', 8080, 'ip'], ['dev-shop-web', 3000, 'ip']]);
    const tgRef = (name: string) => `\${aws_lb_target_group.${tgs.find(([, t]) => t.name === name)![0]}.arn}`;
    const https = listeners.find((l) => l.port === 443)!;
    expect(https.certificate_arn).toMatch(/^arn:aws:acm:eu-west-1:/);
    expect(https.default_action).toEqual([expect.objectContaining({ type: 'forward', target_group_arn: tgRef('dev-shop-web') })]);
    const rules = all(s.json, 'aws_lb_listener_rule').map((r) => [r.priority, (r.condition as Array<{ path_pattern: { values: string[] } }>)[0].path_pattern.values, (r.action as Array<{ target_group_arn: string }>)[0].target_group_arn]);
    expect(rules.sort()).toEqual([
      [10, ['/api/*'], tgRef('dev-shop-api')],
      [20, ['/auth/*'], tgRef('dev-shop-api')],
    ]);
  });

  test('one Fargate service, one task with the web and api containers, registered in both target groups', () => {
    const service = only(s.json, 'aws_ecs_service');
    expect(service).toMatchObject({ name: 'dev-shop', launch_type: 'FARGATE', desired_count: 1 });
    expect(service.network_configuration.assign_public_ip).toBe(false);
    expect((service.load_balancer as Array<{ container_name: string; container_port: number }>).map((l) => [l.container_name, l.container_port]).sort()).toEqual([['api', 8080], ['web', 3000]]);
    const task = only(s.json, 'aws_ecs_task_definition');
    expect(task).toMatchObject({ cpu: '512', memory: '1024', network_mode: 'awsvpc', requires_compatibilities: ['FARGATE'] });
    const containers = JSON.parse(task.container_definitions as string) as Array<Record<string, any>>; // eslint-disable-line @typescript-eslint/no-explicit-any
    expect(containers.map((c) => c.name)).toEqual(['web', 'api']);
    const api = containers[1];
    expect(api.image).toContain(`${ref(s.json, 'aws_ecr_repository')}.repository_url}:1.0.0`);
    expect(api.environment).toEqual(expect.arrayContaining([{ name: 'DB_NAME', value: 'shop' }, { name: 'DB_PORT', value: '5432' }]));
    // The database credentials come from the RDS-managed secret, never as literals.
    expect(api.secrets.map((x: { name: string }) => x.name).sort()).toEqual(['DB_PASSWORD', 'DB_USER']);
    expect(JSON.stringify(containers)).not.toMatch(/password"\s*:\s*"[^$]/i);
    expect(containers.every((c) => c.readonlyRootFilesystem === true)).toBe(true);
  });

  test('RDS for PostgreSQL in the isolated subnets, encrypted, reachable from the tasks only on 5432', () => {
    const db = only(s.json, 'aws_db_instance');
    expect(db).toMatchObject({ identifier: 'dev-shop-db', engine: 'postgres', instance_class: 'db.t4g.small', db_name: 'shop', storage_encrypted: true, publicly_accessible: false, manage_master_user_password: true, multi_az: false });
    expect(db.kms_key_id).toBe(`${ref(s.json, 'aws_kms_key')}.arn}`);
    const subnetGroup = only(s.json, 'aws_db_subnet_group');
    const isolated = Object.entries(s.json.resource.aws_subnet).filter(([, x]) => (x.tags as Record<string, string>).tier === 'isolated').map(([k]) => `\${aws_subnet.${k}.id}`);
    expect([...(subnetGroup.subnet_ids as string[])].sort()).toEqual(isolated.sort());
    const pg = all(s.json, 'aws_vpc_security_group_ingress_rule').filter((r) => r.from_port === 5432);
    expect(pg).toHaveLength(1);
    expect(pg[0].referenced_security_group_id).toMatch(/^\$\{aws_security_group\.TasksSg/);
  });

  test('four alarms to the encrypted SNS topic with the e-mail subscription', () => {
    const alarms = all(s.json, 'aws_cloudwatch_metric_alarm');
    expect(alarms.map((a) => [a.alarm_name, a.namespace, a.metric_name, a.threshold]).sort()).toEqual([
      ['dev-shop-5xx', 'AWS/ApplicationELB', 'HTTPCode_Target_5XX_Count', 10],
      ['dev-shop-db-cpu', 'AWS/RDS', 'CPUUtilization', 80],
      ['dev-shop-high-cpu', 'AWS/ECS', 'CPUUtilization', 80],
      ['dev-shop-unhealthy-api', 'AWS/ApplicationELB', 'UnHealthyHostCount', 0],
    ]);
    const topic = `${ref(s.json, 'aws_sns_topic')}.arn}`;
    expect(alarms.every((a) => JSON.stringify(a.alarm_actions) === JSON.stringify([topic]))).toBe(true);
    expect(alarms.every((a) => Object.keys(a.dimensions as object).length > 0)).toBe(true);
    expect(only(s.json, 'aws_sns_topic').kms_master_key_id).toBeDefined();
    expect(only(s.json, 'aws_sns_topic_subscription')).toMatchObject({ protocol: 'email', endpoint: 'ops@example.com' });
  });

  test('outputs: the URL, the repository and the database endpoint', () => {
    expect(Object.keys(s.json.output).sort()).toEqual(['api_repository_url', 'database_endpoint', 'url']);
  });
});

describe('examples/azure: the notes app', () => {
  let s: Synthesized;
  beforeAll(() => {
    s = synthExample('azure', 'notes-dev');
  }, 120_000);

  test('synth succeeds with the policy pack on and no policy error', () => {
    expect(s.status).toBe(0);
    expect(s.policy).toMatchObject({ stack: 'notes-dev', stage: 'non-production', errors: [] });
    expect(s.policy.rules).toBeGreaterThan(50); // the Azure pack ran over the stack
    expect(s.policy.checks).toBeGreaterThan(30);
    expect(s.policy.findings.filter((f) => f.severity === 'error' && f.result === 'fail')).toEqual([]);
  });

  test('azurerm remote state with Entra ID auth, one key per stack; required_version and provider sources', () => {
    expect(s.json.terraform.backend).toEqual({
      azurerm: { resource_group_name: 'rg-tfstate', storage_account_name: 'acmenotestfstate', container_name: 'tfstate', key: 'notes-dev.tfstate', use_azuread_auth: true },
    });
    expect(s.json.terraform.required_version).toBe('>= 1.10.0');
    expect(s.json.terraform.required_providers.azurerm).toMatchObject({ source: 'hashicorp/azurerm' });
    expect(s.json.provider.azurerm[0]).toMatchObject({ subscription_id: '00000000-1111-4222-8333-444444444444', storage_use_azuread: true });
    expect(only(s.json, 'azurerm_resource_group')).toMatchObject({ name: 'rg-notes-dev-weu', location: 'westeurope' });
  });

  test('VNet 10.50.0.0/22: app subnet delegated to App Service, private-endpoint subnet open to the app on 443 and 5432 only', () => {
    expect(only(s.json, 'azurerm_virtual_network').address_space).toEqual(['10.50.0.0/22']);
    const subnets = all(s.json, 'azurerm_subnet');
    expect(subnets.map((x) => x.address_prefixes).sort()).toEqual([['10.50.0.0/24'], ['10.50.1.0/24']]);
    const app = subnets.find((x) => JSON.stringify(x.address_prefixes) === '["10.50.0.0/24"]')!;
    expect((app.delegation as Array<{ service_delegation: { name: string } }>)[0].service_delegation.name).toBe('Microsoft.Web/serverFarms');
    const allows = all(s.json, 'azurerm_network_security_rule').filter((r) => r.access === 'Allow' && r.direction === 'Inbound');
    expect(allows.map((r) => [r.destination_port_range, r.source_address_prefix]).sort()).toEqual([
      ['443', '10.50.0.0/24'],
      ['5432', '10.50.0.0/24'],
    ]);
  });

  test('Linux web app: container from the registry pulled with its managed identity, VNet-integrated, DATABASE_URL a Key Vault reference', () => {
    const web = only(s.json, 'azurerm_linux_web_app');
    expect(web).toMatchObject({ https_only: true, identity: { type: 'SystemAssigned' } });
    expect(web.site_config).toMatchObject({
      application_stack: { docker_image_name: 'notes:1.0.0', docker_registry_url: `https://${ref(s.json, 'azurerm_container_registry')}.login_server}` },
      container_registry_use_managed_identity: true,
      health_check_path: '/healthz',
      minimum_tls_version: '1.2',
      vnet_route_all_enabled: true,
    });
    expect(web.virtual_network_subnet_id).toMatch(/^\$\{azurerm_subnet\.Network_Subnet-snet-app/);
    expect(web.app_settings.WEBSITES_PORT).toBe('8000');
    expect(web.app_settings.DATABASE_URL).toMatch(/^@Microsoft\.KeyVault\(SecretUri=\$\{azurerm_key_vault_secret\.[^}]+\.versionless_id\}\)$/);
    expect(web.app_settings.APPLICATIONINSIGHTS_CONNECTION_STRING).toBe(`${ref(s.json, 'azurerm_application_insights')}.connection_string}`);
    const roles = all(s.json, 'azurerm_role_assignment').map((r) => r.role_definition_name);
    expect(roles).toEqual(expect.arrayContaining(['AcrPull', 'Key Vault Secrets User']));
    expect(only(s.json, 'azurerm_container_registry')).toMatchObject({ sku: 'Premium', admin_enabled: false, public_network_access_enabled: false });
  });

  test('PostgreSQL flexible server: no public access, generated password, reached through a private endpoint', () => {
    const db = only(s.json, 'azurerm_postgresql_flexible_server');
    expect(db).toMatchObject({ version: '16', public_network_access_enabled: false, geo_redundant_backup_enabled: false });
    expect(db.administrator_password).toMatch(/^\$\{random_password\./);
    expect(only(s.json, 'azurerm_postgresql_flexible_server_database').name).toBe('notes');
    const endpoints = all(s.json, 'azurerm_private_endpoint').map((e) => (e.private_service_connection as { subresource_names: string[] }).subresource_names[0]);
    expect(endpoints.sort()).toEqual(['postgresqlServer', 'registry', 'vault']);
    const zones = all(s.json, 'azurerm_private_dns_zone').map((z) => z.name);
    expect([...zones].sort()).toEqual(['privatelink.azurecr.io', 'privatelink.postgres.database.azure.com', 'privatelink.vaultcore.azure.net']);
  });

  test('Key Vault: RBAC, purge protection, private only; secrets are references, never literals', () => {
    expect(only(s.json, 'azurerm_key_vault')).toMatchObject({ rbac_authorization_enabled: true, purge_protection_enabled: true, public_network_access_enabled: false, network_acls: { default_action: 'Deny' } });
    for (const secret of all(s.json, 'azurerm_key_vault_secret')) expect(String(secret.value)).toMatch(/\$\{/);
  });

  test('Log Analytics monitoring: Application Insights on the workspace, diagnostic settings on the data and compute services', () => {
    const workspace = `${ref(s.json, 'azurerm_log_analytics_workspace')}.id}`;
    expect(only(s.json, 'azurerm_log_analytics_workspace').retention_in_days).toBe(30);
    expect(only(s.json, 'azurerm_application_insights')).toMatchObject({ application_type: 'web', workspace_id: workspace });
    const diag = all(s.json, 'azurerm_monitor_diagnostic_setting');
    expect(diag.every((d) => d.log_analytics_workspace_id === workspace)).toBe(true);
    const targets = diag.map((d) => String(d.target_resource_id).split('.')[0].replace('${', ''));
    expect(targets).toEqual(expect.arrayContaining(['azurerm_key_vault', 'azurerm_postgresql_flexible_server', 'azurerm_container_registry', 'azurerm_linux_web_app', 'azurerm_service_plan', 'azurerm_virtual_network']));
  });
});

describe('examples use the library through its entry points only', () => {
  const sources = (dir: string): string[] =>
    fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? (e.name === 'cdktf.out' || e.name === 'node_modules' ? [] : sources(path.join(dir, e.name))) : e.name.endsWith('.ts') ? [path.join(dir, e.name)] : []));
  /** Module specifiers of imports, re-exports, require() and import() calls (comments ignored). */
  const importsOf = (file: string) => ts.preProcessFile(fs.readFileSync(file, 'utf8'), true, true).importedFiles.map((f) => f.fileName);
  const ALLOWED = /^(cdktf|constructs|\.\/[\w-]+|(\.\.\/)+lib\/(aws|azure|core|policy))$/;

  test('each example imports cdktf, constructs, its own files and lib/{aws,azure,core,policy} index files, nothing else', () => {
    const files = sources(EXAMPLES);
    expect(files.map((f) => path.relative(EXAMPLES, f)).sort()).toEqual(['aws/main.ts', 'aws/stack.ts', 'azure/main.ts', 'azure/stack.ts']);
    const bad = files.flatMap((f) =>
      importsOf(f).filter((spec) => !ALLOWED.test(spec)).map((spec) => `${path.relative(REPO, f)}: ${spec}`),
    );
    expect(bad).toEqual([]);
  });

  test('the detector rejects deep library paths, provider classes and the repository stacks', () => {
    for (const spec of ['../../lib/aws/network', '@cdktf/provider-aws/lib/vpc', '../../stacks/stockwiz', '../../lib/aws/index', 'cdktf/lib/x']) expect(ALLOWED.test(spec)).toBe(false);
    for (const spec of ['../../lib/aws', '../../lib/core', 'cdktf', './stack']) expect(ALLOWED.test(spec)).toBe(true);
  });

  test('the index files re-export the library modules only (no provider package, no other file)', () => {
    for (const index of ['lib/aws/index.ts', 'lib/azure/index.ts', 'lib/core/index.ts', 'lib/policy/index.ts']) {
      const specs = importsOf(path.join(REPO, index));
      expect(specs.length).toBeGreaterThan(3);
      expect(specs.filter((x) => !/^\.\/[\w-]+$/.test(x))).toEqual([]);
    }
  });

  test('every domain folder of lib/aws and lib/azure is exported from its index file', () => {
    for (const cloud of ['aws', 'azure']) {
      const root = path.join(REPO, 'lib', cloud);
      const index = fs.readFileSync(path.join(root, 'index.ts'), 'utf8');
      const domains = fs.readdirSync(root, { withFileTypes: true }).filter((e) => e.isDirectory()).map((e) => e.name);
      expect(domains.filter((d) => !index.includes(`export * from './${d}';`))).toEqual([]);
      expect(index).toContain(`export * from './${cloud}-stack';`);
    }
  });
});
