import { Testing } from 'cdktf';
import { FLOWLITE_ENVIRONMENTS as CONFIGS, flowliteConfig, flowliteSchema } from '../../config/flowlite';
import { loadConfig, merge } from '../../lib/core/config';
import { Port } from '../../lib/core/peer-port';
import { FLOWLITE_SUBNETS, FlowliteStack } from '../../stacks/flowlite';
import { expectValidationError } from '../helpers';

type Resource = Record<string, unknown>;
type StackJson = { resource: Record<string, Record<string, Resource>>; terraform: { backend: Record<string, Record<string, unknown>> } };
type Env = 'dev' | 'prod';
const ENVS: Env[] = ['dev', 'prod'];

const build = (env: Env) => new FlowliteStack(Testing.app(), `flowlite-${env}`, env, flowliteConfig(env));
const SYNTH = { dev: Testing.synth(build('dev')), prod: Testing.synth(build('prod')) };
const json = (env: Env): StackJson => JSON.parse(SYNTH[env]);
const all = (env: Env, type: string): Resource[] => Object.values(json(env).resource[type] ?? {});
const entries = (env: Env, type: string): [string, Resource][] => Object.entries(json(env).resource[type] ?? {});

/** Inbound rules of one subnet's NSG as `source → port` strings. */
const inbound = (env: Env, subnet: string): string[] =>
  entries(env, 'azurerm_network_security_rule')
    .filter(([k, r]) => k.startsWith(`Network_Subnet-${subnet}_Nsg_`) && r.direction === 'Inbound' && r.access === 'Allow')
    .map(([, r]) => `${r.source_address_prefix} → ${r.destination_port_range}`)
    .sort();

describe.each(ENVS)('flowlite-%s', (env) => {
  const prod = env === 'prod';

  test('VNet 10.0.0.0/16 with the seed subnets at their prefixes plus the gateway, private endpoint (and LLM) subnets', () => {
    const subnets = Object.fromEntries(all(env, 'azurerm_subnet').map((s) => [s.name, (s.address_prefixes as string[])[0]]));
    expect(subnets).toEqual({
      'snet-agw': '10.0.0.0/24',
      'snet-api': '10.0.1.0/24', // seed: API Services
      'snet-internal': '10.0.2.0/24', // seed: Internal Services
      'snet-data': '10.0.3.0/24', // seed: Data Layer
      'snet-pe': '10.0.4.0/24',
      ...(prod ? { 'snet-llm': '10.0.5.0/24' } : {}),
    });
    const delegated = all(env, 'azurerm_subnet').filter((s) => (s.delegation as unknown[] | undefined)?.length).map((s) => s.name);
    expect(delegated.sort()).toEqual(['snet-api', 'snet-internal']);
    expect(all(env, 'azurerm_virtual_network')[0]).toMatchObject({ address_space: ['10.0.0.0/16'] });
  });

  test('every subnet has an NSG ending in DenyAllInbound at 4096', () => {
    const nsgs = all(env, 'azurerm_network_security_group');
    expect(nsgs).toHaveLength(prod ? 6 : 5);
    const denies = all(env, 'azurerm_network_security_rule').filter((r) => r.name === 'DenyAllInbound');
    expect(denies).toHaveLength(nsgs.length);
    for (const d of denies) expect(d).toMatchObject({ priority: 4096, access: 'Deny', direction: 'Inbound', protocol: '*', source_address_prefix: '*', destination_port_range: '*' });
    expect(all(env, 'azurerm_subnet_network_security_group_association')).toHaveLength(nsgs.length);
  });

  test('NSG rows of the seed communication table (and the platform rules the services need), nothing else', () => {
    const [gw, api, internal, data, pe] = ['10.0.0.0/24', '10.0.1.0/24', '10.0.2.0/24', '10.0.3.0/24', '10.0.4.0/24'];
    void data;
    void pe;
    // Internet → App Gateway 443 (+ 80 for the redirect, + the v2 infrastructure ports).
    expect(inbound(env, 'snet-agw')).toEqual(['AzureLoadBalancer → *', 'GatewayManager → 65200-65535', 'Internet → 443', 'Internet → 80']);
    // App Gateway → Identity 8000 / Upload 8001 / Data 8003; Upload, Data → Identity 8000; Container Apps edge and probes.
    expect(inbound(env, 'snet-api')).toEqual(
      [`${gw} → 8000`, `${gw} → 8001`, `${gw} → 8003`, `${api} → 8000`, `${gw} → 443`, `${gw} → 31443`, `${api} → 443`, `${api} → 31443`, `${api} → *`, 'AzureLoadBalancer → 30000-32767'].sort(),
    );
    // InsightService takes no traffic from other subnets (only its environment's own nodes and the load balancer).
    expect(inbound(env, 'snet-internal')).toEqual(['AzureLoadBalancer → 30000-32767', `${internal} → *`].sort());
    // MySQL 3306 from Identity/Upload/Data and Insight; Redis over TLS (6380) from Identity; AMQP 5671 from Upload and Insight.
    // (prod's clustered cache adds its per-shard TLS ports for the same row.)
    expect(inbound(env, 'snet-data')).toEqual([`${api} → 3306`, `${api} → 5671`, `${api} → 6380`, ...(prod ? [`${api} → 15000-15999`] : []), `${internal} → 3306`, `${internal} → 5671`].sort());
    expect(inbound(env, 'snet-data').some((r) => r.endsWith('6379'))).toBe(false);
    expect(inbound(env, 'snet-pe')).toEqual([`${api} → 443`, `${gw} → 443`, `${internal} → 443`].sort());
    if (prod) expect(inbound(env, 'snet-llm')).toEqual([`${internal} → 11434`]);
  });

  test('internal services have no route to the internet: outbound only to the VNet and the Azure services Container Apps needs', () => {
    const out = entries(env, 'azurerm_network_security_rule')
      .filter(([k, r]) => k.startsWith('Network_Subnet-snet-internal_Nsg_') && r.direction === 'Outbound')
      .map(([, r]) => `${r.access} ${r.destination_address_prefix} ${r.destination_port_range}`)
      .sort();
    expect(out).toEqual(
      [
        'Allow VirtualNetwork *',
        'Allow AzureActiveDirectory 443',
        'Allow AzureMonitor 443',
        'Allow MicrosoftContainerRegistry 443',
        'Allow AzureFrontDoor.FirstParty 443',
        ...(prod ? [] : ['Allow AzureContainerRegistry 443', 'Allow ServiceBus 5671']),
        'Deny Internet *',
      ].sort(),
    );
  });

  test('NAT gateway with a static IP for the private subnets; public IPs only on the gateway and the NAT', () => {
    const pips = all(env, 'azurerm_public_ip');
    expect(pips.map((p) => p.name).sort()).toEqual([`pip-flowlite-agw-${env}-eus`, `pip-flowlite-nat-${env}-eus`]);
    for (const p of pips) expect(p).toMatchObject({ sku: 'Standard', allocation_method: 'Static' });
    expect(all(env, 'azurerm_nat_gateway')).toHaveLength(1);
    expect(all(env, 'azurerm_subnet_nat_gateway_association')).toHaveLength(prod ? 3 : 2);
    for (const nic of all(env, 'azurerm_network_interface')) expect(JSON.stringify(nic)).not.toContain('public_ip_address_id');
    for (const s of all(env, 'azurerm_subnet')) expect(s.default_outbound_access_enabled).toBe(false);
  });

  test(`DDoS Network Protection ${prod ? 'on the VNet' : 'absent (cost)'}`, () => {
    expect(all(env, 'azurerm_network_ddos_protection_plan')).toHaveLength(prod ? 1 : 0);
    expect(all(env, 'azurerm_virtual_network')[0].ddos_protection_plan).toEqual(prod ? { enable: true, id: expect.stringMatching(/ddos/) } : undefined);
  });

  test('Application Gateway WAF_v2 with a Prevention WAF policy, HTTPS from Key Vault, redirect, path routing to the three APIs', () => {
    const [agw] = all(env, 'azurerm_application_gateway');
    expect(agw).toMatchObject({
      sku: { name: 'WAF_v2', tier: 'WAF_v2' },
      autoscale_configuration: prod ? { min_capacity: 2, max_capacity: 10 } : { min_capacity: 1, max_capacity: 2 },
      ssl_policy: { policy_type: 'Predefined', policy_name: 'AppGwSslPolicy20220101S' },
      ssl_certificate: [{ name: 'tls', key_vault_secret_id: expect.stringMatching(/azurerm_key_vault_certificate/) }],
    });
    expect(agw.zones).toEqual(prod ? ['1', '2', '3'] : undefined);
    const pathRules = (agw.url_path_map as { path_rule: { name: string; paths: string[] }[] }[])[0].path_rule;
    expect(pathRules.map((r) => r.name)).toEqual(['identity', 'upload', 'data']);
    // Backends are the apps' stable FQDNs (not a revision's), over HTTPS to the environment's edge.
    expect((agw.backend_address_pool as { fqdns: string[] }[]).map((p) => p.fqdns[0])).toEqual([
      expect.stringMatching(/azurerm_container_app\.IdentityService_[0-9A-F]+\.ingress\[0\]\.fqdn/),
      expect.stringMatching(/azurerm_container_app\.UploadService_[0-9A-F]+\.ingress\[0\]\.fqdn/),
      expect.stringMatching(/azurerm_container_app\.DataService_[0-9A-F]+\.ingress\[0\]\.fqdn/),
    ]);
    expect((agw.backend_http_settings as { protocol: string; port: number }[]).every((b) => b.protocol === 'Https' && b.port === 443)).toBe(true);
    expect((agw.probe as unknown[]).length).toBe(3);
    const [waf] = all(env, 'azurerm_web_application_firewall_policy');
    expect(waf).toMatchObject({ policy_settings: expect.objectContaining({ mode: 'Prevention', request_body_check: true }) });
    expect((waf.custom_rules as { rule_type: string; group_rate_limit_by: string }[]).every((r) => r.rule_type === 'RateLimitRule' && r.group_rate_limit_by === 'ClientAddr')).toBe(true);
    expect(all(env, 'azurerm_key_vault_certificate')[0]).toMatchObject({ certificate_policy: expect.objectContaining({ issuer_parameters: { name: 'Self' } }) });
  });

  test('two internal, workload-profile Container Apps environments logging to Log Analytics', () => {
    const envs = all(env, 'azurerm_container_app_environment');
    expect(envs).toHaveLength(2);
    for (const e of envs) {
      expect(e).toMatchObject({ internal_load_balancer_enabled: true, logs_destination: 'log-analytics', zone_redundancy_enabled: prod, workload_profile: [{ name: 'Consumption', workload_profile_type: 'Consumption' }] });
    }
  });

  test('Identity, Upload, Data: 2-10 replicas, CPU 70 / memory 80 / HTTP rules, probes, ACR by identity, Key Vault secrets only', () => {
    const apps = all(env, 'azurerm_container_app');
    const byName = Object.fromEntries(apps.map((a) => [a.name, a]));
    for (const [svc, port] of [['identity', 8000], ['upload', 8001], ['data', 8003]] as const) {
      const a = byName[`ca-flowlite-${svc}-${env}-eus`] as Resource & { template: Record<string, unknown>; ingress: Record<string, unknown> };
      expect(a).toBeDefined();
      expect(a.ingress).toMatchObject({ target_port: port, allow_insecure_connections: false });
      expect(a.template).toMatchObject({
        min_replicas: 2,
        max_replicas: 10,
        custom_scale_rule: [
          { custom_rule_type: 'cpu', metadata: { type: 'Utilization', value: '70' } },
          { custom_rule_type: 'memory', metadata: { type: 'Utilization', value: '80' } },
        ],
        http_scale_rule: [expect.objectContaining({ name: 'http' })],
      });
      const container = (a.template.container as Record<string, unknown>[])[0];
      expect(container.liveness_probe).toEqual([expect.objectContaining({ transport: 'HTTP', port })]);
      expect(container.readiness_probe).toEqual([expect.objectContaining({ transport: 'HTTP', port })]);
      expect(a.registry).toEqual([{ server: expect.stringMatching(/login_server/), identity: expect.stringMatching(/user_assigned_identity/) }]);
      for (const s of a.secret as Record<string, unknown>[]) expect(s).toMatchObject({ key_vault_secret_id: expect.stringMatching(/versionless_id/), identity: expect.stringMatching(/user_assigned_identity/) });
      for (const e of container.env as { name: string; value?: string; secret_name?: string }[]) {
        if (/PASSWORD|SECRET|CONNECTION_STRING|REDIS_URL/.test(e.name)) expect(e.secret_name).toBeDefined();
      }
    }
  });

  test(prod ? 'Ollama on a current NC-family GPU VM, no public IP, keys only, Trusted Launch, model disk, llama3.1:8b' : 'Azure OpenAI instead of the Ollama VM, private', () => {
    if (prod) {
      const [vm] = all(env, 'azurerm_linux_virtual_machine');
      expect(vm).toMatchObject({ size: 'Standard_NC4as_T4_v3', disable_password_authentication: true, secure_boot_enabled: true, vtpm_enabled: true, encryption_at_host_enabled: true });
      expect(Buffer.from(vm.custom_data as string, 'base64').toString()).toMatch(/ollama pull llama3\.1:8b/);
      expect(all(env, 'azurerm_managed_disk')).toHaveLength(1);
      expect(all(env, 'azurerm_cognitive_account')).toHaveLength(0);
    } else {
      expect(all(env, 'azurerm_linux_virtual_machine')).toHaveLength(0);
      expect(all(env, 'azurerm_cognitive_account')[0]).toMatchObject({ kind: 'OpenAI', local_auth_enabled: false, public_network_access_enabled: false });
      expect(all(env, 'azurerm_cognitive_deployment')).toHaveLength(1);
    }
  });

  test(`MySQL ${prod ? 'General Purpose, zone-redundant HA, 30-day backups, read replica' : 'Burstable B1ms, no HA, no replica'}; TLS enforced; flowlite_db`, () => {
    const servers = all(env, 'azurerm_mysql_flexible_server');
    expect(servers).toHaveLength(prod ? 2 : 1);
    expect(servers[0]).toMatchObject({ sku_name: prod ? 'GP_Standard_D2ds_v4' : 'B_Standard_B1ms', public_network_access: 'Disabled', backup_retention_days: prod ? 30 : 7 });
    expect(servers[0].high_availability).toEqual(prod ? { mode: 'ZoneRedundant' } : undefined);
    if (prod) expect(servers[1]).toMatchObject({ create_mode: 'Replica' });
    expect(all(env, 'azurerm_mysql_flexible_database').map((d) => d.name)).toEqual(['flowlite_db']);
    // Entra ID admin (the deployer unless config names a group) plus the generated password in Key Vault.
    expect(all(env, 'azurerm_mysql_flexible_server_active_directory_administrator')).toEqual([expect.objectContaining({ login: 'flowlite-dba', object_id: expect.stringMatching(/azurerm_client_config/) })]);
    expect(all(env, 'azurerm_key_vault_secret').map((s) => s.name)).toContain('mysql-admin-password');
    const params = Object.fromEntries(all(env, 'azurerm_mysql_flexible_server_configuration').map((p) => [p.name, p.value]));
    expect(params).toMatchObject({ require_secure_transport: 'ON', tls_version: 'TLSv1.2,TLSv1.3' });
  });

  test(`Redis ${prod ? 'Premium P1 clustered across zones' : 'Standard C1'}, TLS 1.2, non-TLS port off, private`, () => {
    expect(all(env, 'azurerm_redis_cache')[0]).toMatchObject({
      sku_name: prod ? 'Premium' : 'Standard',
      family: prod ? 'P' : 'C',
      capacity: 1,
      minimum_tls_version: '1.2',
      non_ssl_port_enabled: false,
      public_network_access_enabled: false,
      ...(prod ? { shard_count: 1, zones: ['1', '2', '3'] } : {}),
    });
  });

  test('storage: TLS 1.2, shared keys off, no public blobs, versioning, soft delete, lifecycle rules, private endpoint', () => {
    const [st] = all(env, 'azurerm_storage_account');
    expect(st).toMatchObject({ min_tls_version: 'TLS1_2', shared_access_key_enabled: false, allow_nested_items_to_be_public: false, account_replication_type: prod ? 'GZRS' : 'LRS' });
    expect(st.blob_properties).toMatchObject({ versioning_enabled: true, delete_retention_policy: expect.anything() });
    expect(all(env, 'azurerm_storage_container').map((c) => c.name).sort()).toEqual(['backups', 'processed-excel']);
    expect(all(env, 'azurerm_storage_management_policy')).toHaveLength(1);
  });

  test('ACR, Key Vault with RBAC and purge protection, private endpoints and their DNS zones', () => {
    expect(all(env, 'azurerm_container_registry')[0]).toMatchObject({ sku: prod ? 'Premium' : 'Basic', admin_enabled: false });
    expect(all(env, 'azurerm_key_vault')[0]).toMatchObject({ rbac_authorization_enabled: true, purge_protection_enabled: true, public_network_access_enabled: false });
    const subresources = all(env, 'azurerm_private_endpoint').map((p) => (p.private_service_connection as { subresource_names: string[] }).subresource_names[0]).sort();
    expect(subresources).toEqual((prod ? ['blob', 'mysqlServer', 'mysqlServer', 'namespace', 'redisCache', 'registry', 'vault'] : ['account', 'blob', 'mysqlServer', 'redisCache', 'vault']).sort());
    const zones = all(env, 'azurerm_private_dns_zone').map((z) => z.name).filter((n) => typeof n === 'string' && (n as string).startsWith('privatelink'));
    expect(zones.sort()).toEqual(
      (prod
        ? ['privatelink.blob.core.windows.net', 'privatelink.mysql.database.azure.com', 'privatelink.redis.cache.windows.net', 'privatelink.servicebus.windows.net', 'privatelink.azurecr.io', 'privatelink.vaultcore.azure.net']
        : ['privatelink.blob.core.windows.net', 'privatelink.mysql.database.azure.com', 'privatelink.redis.cache.windows.net', 'privatelink.openai.azure.com', 'privatelink.vaultcore.azure.net']
      ).sort(),
    );
    expect(all(env, 'azurerm_private_dns_zone_virtual_network_link').length).toBeGreaterThanOrEqual(zones.length);
  });

  test(`Service Bus ${prod ? 'Premium 1 MU, private' : 'Standard (no private endpoint possible)'}: batch_processed with dead-lettering, RBAC only`, () => {
    const [ns] = all(env, 'azurerm_servicebus_namespace');
    expect(ns).toMatchObject({ sku: prod ? 'Premium' : 'Standard', local_auth_enabled: false, public_network_access_enabled: !prod, minimum_tls_version: '1.2' });
    expect(ns.capacity).toBe(prod ? 1 : undefined);
    expect(all(env, 'azurerm_servicebus_queue')).toEqual([expect.objectContaining({ name: 'batch_processed', dead_lettering_on_message_expiration: true, max_delivery_count: 10 })]);
    const roles = all(env, 'azurerm_role_assignment').map((r) => r.role_definition_name);
    expect(roles).toEqual(expect.arrayContaining(['Azure Service Bus Data Sender', 'Azure Service Bus Data Receiver', 'Azure Service Bus Data Owner']));
    expect(all(env, 'azurerm_servicebus_namespace_authorization_rule')).toHaveLength(0);
  });

  test('InsightService: internal ingress on 8002, 1-5 replicas scaled by KEDA azure-servicebus on batch_processed with its identity', () => {
    const deployments = all(env, 'azurerm_resource_group_template_deployment');
    expect(deployments).toHaveLength(1);
    const params = deployments[0].parameters_content as string;
    expect(params).toContain('"name" = {"value" = "ca-flowlite-insight-' + env + '-eus"}');
    expect(params).toMatch(/"minReplicas" = 1, "maxReplicas" = 5/);
    expect(params).toMatch(/"type" = "azure-servicebus", "metadata" = \{"namespace" = azurerm_servicebus_namespace\.Bus_[0-9A-F]+\.name, "queueName" = "batch_processed"/);
    expect(params).toMatch(/"identity" = azurerm_user_assigned_identity\.InsightService_Identity_[0-9A-F]+\.id\}/);
    expect(params).toMatch(/"external" = false, "targetPort" = 8002/);
    // No connection-string authentication on the scale rule.
    expect(params).not.toMatch(/triggerParameter|"auth" =/);
  });

  test('alerts to an e-mail action group; a workbook with the seed key metrics', () => {
    expect(all(env, 'azurerm_monitor_action_group')[0]).toMatchObject({ email_receiver: [expect.objectContaining({ email_address: 'ops@flowlite.example.com' })] });
    const metrics = all(env, 'azurerm_monitor_metric_alert').map((a) => (a.criteria as { metric_name: string }[])[0].metric_name).sort();
    expect(metrics).toEqual(
      [
        ...Array(4).fill('UsageNanoCores'),
        ...Array(4).fill('WorkingSetBytes'),
        'ResponseStatus',
        'UnhealthyHostCount',
        'cpu_percent',
        'active_connections',
        'ActiveMessages',
        'DeadletteredMessages',
        ...(prod ? ['VmAvailabilityMetric'] : []),
      ].sort(),
    );
    const workbook = JSON.parse(all(env, 'azurerm_application_insights_workbook')[0].data_json as string);
    expect(workbook.items.map((i: { content: { title: string } }) => i.content.title)).toEqual(
      expect.arrayContaining(['Request rate (req/s)', 'Response time p50 / p95 / p99 (ms)', 'Error rate (%)', 'Queue length (batch_processed)']),
    );
  });

  test('diagnostic settings to Log Analytics on the resources that have them', () => {
    const targets = all(env, 'azurerm_monitor_diagnostic_setting').map((d) => String(d.target_resource_id).split('.')[0].replace('${', ''));
    for (const t of ['azurerm_virtual_network', 'azurerm_key_vault', 'azurerm_container_registry', 'azurerm_mysql_flexible_server', 'azurerm_redis_cache', 'azurerm_servicebus_namespace', 'azurerm_storage_account', 'azurerm_application_gateway', 'azurerm_container_app_environment']) {
      expect(targets).toContain(t);
    }
    // One per NSG, and the gateway's public IP.
    expect(targets.filter((t) => t === 'azurerm_network_security_group')).toHaveLength(prod ? 6 : 5);
    expect(targets).toContain('azurerm_public_ip');
  });

  test('azurerm backend, one key per stack', () => {
    expect(json(env).terraform.backend.azurerm).toMatchObject({ key: `flowlite-${env}.tfstate`, use_azuread_auth: true });
  });

  test('no secret literal in the synthesized JSON', () => {
    const text = SYNTH[env];
    expect(text).not.toMatch(/"(administrator_password|admin_password|password|primary_access_key|connection_string|private_key)":\s*"(?!\$\{)[^"]+"/);
    // Container app variables with secret-looking names carry a Key Vault reference, never a value.
    for (const a of all(env, 'azurerm_container_app')) {
      const vars = ((a.template as { container: { env: { name: string; value?: string }[] }[] }).container[0].env ?? []).filter((e) => /PASSWORD|SECRET|TOKEN|KEY|CONNECTION|REDIS_URL/.test(e.name) && e.name !== 'AZURE_CLIENT_ID');
      for (const v of vars) expect(v.value).toBeUndefined();
    }
    for (const s of all(env, 'azurerm_key_vault_secret')) expect(s.value).toMatch(/\$\{(random_password\.[^}]+\.result|azurerm_[a-z_]+\.[^}]+)\}/);
  });

  test('snapshot', () => {
    expect(SYNTH[env]).toMatchSnapshot();
  });
});

describe('flowlite configuration and bad input', () => {
  test('the seed B2s cost line cannot run zone-redundant HA: a config error naming the field', () => {
    const bad = merge(CONFIGS.prod as never, { mysql: { sku: 'B_Standard_B2s' } } as never);
    expect(() => loadConfig('flowlite', flowliteSchema, { prod: bad }, 'prod')).toThrow(/flowlite\.prod\.mysql\.highAvailability: ZoneRedundant high availability needs a General Purpose or Business Critical SKU/);
  });

  test('Ollama and Azure OpenAI are alternatives', () => {
    const bad = merge(CONFIGS.dev as never, { ollama: { enabled: true } } as never);
    expect(() => loadConfig('flowlite', flowliteSchema, { dev: bad }, 'dev')).toThrow(/flowlite\.dev\.ollama\.enabled: exactly one of ollama and openAi/);
  });

  test('an unknown environment fails', () => {
    expect(() => flowliteConfig('staging')).toThrow(/unknown environment "staging"/);
  });

  test('NSG rule priorities cannot clash', () => {
    expectValidationError(() => {
      const stack = build('dev');
      const api = stack.vnet.subnet(FLOWLITE_SUBNETS.api);
      api.allowFrom(stack.vnet.subnet(FLOWLITE_SUBNETS.data), Port.tcp(9000), { priority: 300 });
      api.allowFrom(stack.vnet.subnet(FLOWLITE_SUBNETS.data), Port.tcp(9001), { priority: 300 });
      return stack;
    }, /Nsg: rule Allow-9001-From-snet-data: priority 300 is already used by Allow-9000-From-snet-data \(Inbound\)/);
  });
});
