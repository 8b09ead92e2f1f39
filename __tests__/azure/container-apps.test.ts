import { ContainerApp as ContainerAppResource } from '@cdktf/provider-azurerm/lib/container-app';
import { ContainerAppEnvironment } from '@cdktf/provider-azurerm/lib/container-app-environment';
import { PrivateDnsARecord } from '@cdktf/provider-azurerm/lib/private-dns-a-record';
import { ResourceGroupTemplateDeployment } from '@cdktf/provider-azurerm/lib/resource-group-template-deployment';
import { RoleAssignment } from '@cdktf/provider-azurerm/lib/role-assignment';
import { TerraformOutput, Testing } from 'cdktf';
import { ContainerApp, ContainerAppProps, ContainerAppsEnvironment, ContainerAppsEnvironmentProps, ContainerRegistry } from '../../lib/azure/containers';
import { VirtualNetwork } from '../../lib/azure/network';
import { LogAnalyticsWorkspace } from '../../lib/azure/observability';
import { KeyVault } from '../../lib/azure/security';
import { AzureStack } from '../../lib/azure/azure-stack';
import { expectValidationError } from '../helpers';
import { Policy } from '../../lib/policy';

const newStack = () => new AzureStack(Testing.app(), 'test', { architecture: 'flowlite', environment: 'dev', location: 'eastus', backend: { type: 'local' } });
const setup = (subnet: { addressPrefix?: string; delegation?: string } = {}) => {
  const stack = newStack();
  const vnet = new VirtualNetwork(stack, 'Vnet', {
    addressSpace: ['10.0.0.0/16'],
    subnets: [
      { name: 'snet-apps', addressPrefix: subnet.addressPrefix ?? '10.0.16.0/23', delegation: 'delegation' in subnet ? subnet.delegation : 'Microsoft.App/environments' },
      { name: 'snet-other', addressPrefix: '10.0.1.0/24' },
    ],
  });
  const logs = new LogAnalyticsWorkspace(stack, 'Logs', {});
  return { stack, vnet, logs };
};
const env = (props: Partial<ContainerAppsEnvironmentProps> = {}, subnet: { addressPrefix?: string; delegation?: string } = {}) => {
  const s = setup(subnet);
  const environment = new ContainerAppsEnvironment(s.stack, 'Env', { logAnalytics: s.logs, subnet: s.vnet.subnet('snet-apps'), privateDnsLinks: [s.vnet], ...props });
  return { ...s, environment };
};
const app = (props: Partial<ContainerAppProps> = {}) => {
  const e = env();
  const registry = new ContainerRegistry(e.stack, 'Registry', { sku: 'Basic' });
  const vault = new KeyVault(e.stack, 'Vault', {});
  const secret = vault.addGeneratedSecret('db-password');
  const a = new ContainerApp(e.stack, 'Api', {
    environment: e.environment,
    nameQualifier: 'identity',
    image: 'identity-service:1.0',
    registry,
    keyVaultSecrets: { vault, env: { DB_PASSWORD: secret } },
    ingress: { targetPort: 8000 },
    liveness: { path: '/health/live' },
    readiness: { path: '/health/ready' },
    minReplicas: 2,
    maxReplicas: 10,
    scale: { cpuPercent: 70, memoryPercent: 80, httpConcurrency: 50 },
    ...props,
  });
  return { ...e, app: a, registry, vault };
};

describe('ContainerAppsEnvironment', () => {
  test('internal, workload profiles, delegated subnet, logs to Log Analytics, private DNS for the default domain', () => {
    const { stack } = env({ zoneRedundant: true, workloadProfiles: [{ name: 'general', type: 'D4', minimumCount: 1, maximumCount: 3 }] });
    const out = Testing.synth(stack);
    expect(out).toHaveResourceWithProperties(ContainerAppEnvironment, {
      name: 'cae-flowlite-dev-eus',
      internal_load_balancer_enabled: true,
      zone_redundancy_enabled: true,
      logs_destination: 'log-analytics',
      mutual_tls_enabled: true,
      infrastructure_resource_group_name: 'ME_cae-flowlite-dev-eus',
      workload_profile: [
        { name: 'Consumption', workload_profile_type: 'Consumption' },
        { name: 'general', workload_profile_type: 'D4', minimum_count: 1, maximum_count: 3 },
      ],
    });
    expect(out).toHaveResourceWithProperties(PrivateDnsARecord, { name: '*' });
  });

  test.each([
    [{ internal: true, subnet: undefined }, {}, 'test/Env: an internal environment needs a subnet (got "internal")'],
    [{}, { addressPrefix: '10.0.16.0/28' }, 'test/Env: the subnet must be /27 or larger (workload profile environments) (got "10.0.16.0/28")'],
    [{}, { delegation: undefined }, 'test/Env: the subnet must be delegated to Microsoft.App/environments (and hold nothing else) (got "snet-apps")'],
    [{ internal: false, subnet: undefined, zoneRedundant: true }, {}, 'test/Env: zoneRedundant needs a subnet (got "zoneRedundant")'],
    [{ workloadProfiles: [{ name: 'big', type: 'X99' }] }, {}, 'test/Env: workload profile types must be Consumption, D4-D32, E4-E32 or a GPU profile (got "X99")'],
    [{ workloadProfiles: [{ name: 'a', type: 'D4' }, { name: 'a', type: 'D8' }] }, {}, 'test/Env: workload profile names must be unique (got "a")'],
    [{ workloadProfiles: [{ name: 'a', type: 'D4', minimumCount: 5, maximumCount: 2 }] }, {}, 'test/Env: dedicated workload profiles need 0 <= minimumCount <= maximumCount (got "a")'],
  ] as [Partial<ContainerAppsEnvironmentProps>, { addressPrefix?: string; delegation?: string }, string][])('rejects %j', (props, subnet, message) => {
    expectValidationError(() => env(props, subnet).environment, message);
  });
});

describe('ContainerApp', () => {
  test('identity pulls from ACR and reads Key Vault references; internal ingress; probes; replicas; CPU, memory and HTTP rules', () => {
    const { stack } = app();
    const out = Testing.synth(stack);
    expect(out).toHaveResourceWithProperties(ContainerAppResource, {
      name: 'ca-flowlite-identity-dev-eus',
      workload_profile_name: 'Consumption',
      identity: { type: 'UserAssigned', identity_ids: [expect.stringMatching(/user_assigned_identity/)] },
      registry: [{ server: expect.stringMatching(/login_server/), identity: expect.stringMatching(/user_assigned_identity/) }],
      secret: [{ name: 'db-password', key_vault_secret_id: expect.stringMatching(/versionless_id/), identity: expect.stringMatching(/user_assigned_identity/) }],
      ingress: expect.objectContaining({ target_port: 8000, external_enabled: false, allow_insecure_connections: false }),
      template: expect.objectContaining({
        min_replicas: 2,
        max_replicas: 10,
        custom_scale_rule: [
          { name: 'cpu', custom_rule_type: 'cpu', metadata: { type: 'Utilization', value: '70' } },
          { name: 'memory', custom_rule_type: 'memory', metadata: { type: 'Utilization', value: '80' } },
        ],
        http_scale_rule: [{ name: 'http', concurrent_requests: '50' }],
        container: [
          expect.objectContaining({
            image: expect.stringMatching(/login_server.*\/identity-service:1.0$/),
            cpu: 0.5,
            memory: '1Gi',
            env: expect.arrayContaining([{ name: 'DB_PASSWORD', secret_name: 'db-password' }]),
            liveness_probe: [expect.objectContaining({ transport: 'HTTP', path: '/health/live', port: 8000 })],
            readiness_probe: [expect.objectContaining({ transport: 'HTTP', path: '/health/ready', port: 8000 })],
          }),
        ],
      }),
    });
    const roles = Object.values(JSON.parse(out).resource.azurerm_role_assignment as Record<string, { role_definition_name: string }>).map((r) => r.role_definition_name);
    expect(roles).toEqual(expect.arrayContaining(['AcrPull', 'Key Vault Secrets User']));
    expect(out).toHaveResource(RoleAssignment);
  });

  test('a Service Bus queue rule authenticates with the identity (ARM deployment until azurerm has identity_id)', () => {
    const { stack, app: a } = app({ ingress: undefined, liveness: undefined, readiness: undefined, scale: { serviceBus: { namespace: { name: 'sb-x', queueNames: ['batch_processed'] }, queueName: 'batch_processed', messageCount: 10 } } });
    new TerraformOutput(stack, 'AppId', { value: a.id });
    const json = JSON.parse(Testing.synth(stack));
    expect(json.resource.azurerm_container_app).toBeUndefined();
    // Consumers of the id wait for the deployment.
    expect(json.output.AppId.value).toMatch(/azurerm_resource_group_template_deployment\.Api_Deployment_[0-9A-F]+\.output_content/);
    const dep = Object.values(json.resource.azurerm_resource_group_template_deployment as Record<string, { template_content: string; parameters_content: string }>)[0];
    const template = JSON.parse(dep.template_content);
    expect(template.resources[0].type).toBe('Microsoft.App/containerApps');
    expect(template.resources[0].identity.userAssignedIdentities).toEqual({ "[parameters('identityId')]": {} });
    expect(dep.parameters_content).toContain('azure-servicebus');
    expect(dep.parameters_content).toContain('batch_processed');
    expect(dep.parameters_content).not.toMatch(/connection/i);
    expect(template.outputs.id.value).toBe("[resourceId('Microsoft.App/containerApps', parameters('name'))]");
    expect(Testing.synth(stack)).toHaveResource(ResourceGroupTemplateDeployment);
  });

  test.each([
    [{ workloadProfileName: 'gpu' }, 'test/Api: workloadProfileName must be a profile of the environment (Consumption) (got "gpu")'],
    [{ cpu: 0.3 }, 'test/Api: cpu must be 0.25-4 vCPUs in steps of 0.25 on the Consumption profile (got 0.3)'],
    [{ cpu: 1, memory: '1Gi' }, 'test/Api: memory must be 2Gi for 1 vCPU on the Consumption profile (got "1Gi")'],
    [{ minReplicas: -1 }, 'test/Api: minReplicas must be an integer between 0 and 1000 (got -1)'],
    [{ maxReplicas: 0, minReplicas: 0 }, 'test/Api: maxReplicas must be an integer between 1 and 1000 (got 0)'],
    [{ minReplicas: 5, maxReplicas: 2 }, 'test/Api: maxReplicas must be at least minReplicas (got {"minReplicas":5,"maxReplicas":2})'],
    [{ ingress: { targetPort: 70000 }, liveness: undefined, readiness: undefined }, 'test/Api: ingress targetPort must be 1-65535 (got 70000)'],
    [{ liveness: { path: 'health' } }, /test\/Api: probes need a port 1-65535/],
    [{ scale: { cpuPercent: 150 } }, 'test/Api: scale cpuPercent and memoryPercent must be integers between 1 and 100 (got 150)'],
    [{ scale: { httpConcurrency: 0 } }, 'test/Api: scale httpConcurrency must be an integer of at least 1 (got 0)'],
    [{ ingress: undefined, liveness: undefined, readiness: undefined, scale: { httpConcurrency: 10 } }, 'test/Api: scale httpConcurrency needs an ingress (got 10)'],
    [
      { scale: { serviceBus: { namespace: { name: 'sb', queueNames: ['orders'] }, queueName: 'batch_processed' } } },
      'test/Api: the Service Bus scale rule\'s queue must exist in the namespace (queues: orders) (got "batch_processed")',
    ],
    [{ scale: { serviceBus: { namespace: 'sb', queueName: 'q', messageCount: 0 } } }, /test\/Api: the Service Bus scale rule needs messageCount >= 1/],
    [{ env: { 'BAD-NAME': 'x' } }, 'test/Api: environment variable names must be letters, digits and underscores (got "BAD-NAME")'],
    [{ env: { JWT_SECRET: 'hunter2' } }, 'test/Api: secret-looking environment variables must come from keyVaultSecrets, not plain env (got "JWT_SECRET")'],
    [{ env: { DB_PASSWORD: 'x' } }, /test\/Api: (secret-looking|an environment variable cannot be both)/],
    [{ image: ' ' }, 'test/Api: image must not be empty (got " ")'],
  ] as [Partial<ContainerAppProps>, string | RegExp][])('rejects %j', (props, message) => {
    expectValidationError(() => app(props).app, message);
  });

});

describe('ContainerApp and the AZ-CA-002 policy rule', () => {
  const suppressed = (a: ContainerApp) => Policy.suppressionsOn(a).map((s) => s.id);
  test('external ingress in an internal environment is VNet-only, so the rule is suppressed with that reason', () => {
    const { app: a } = app({ ingress: { targetPort: 8000, external: true } });
    expect(suppressed(a)).toEqual(['AZ-CA-002']);
    expect(Policy.suppressionsOn(a)[0].reason).toMatch(/internal load balancer only, not from the internet/);
  });
  test('internal-only ingress needs no suppression', () => {
    expect(suppressed(app().app)).toEqual([]);
  });
  test('external ingress in an external environment stays reported', () => {
    const e = env({ internal: false });
    const a = new ContainerApp(e.stack, 'Public', { environment: e.environment, nameQualifier: 'web', image: 'web:1.0', ingress: { targetPort: 8080, external: true } });
    expect(suppressed(a)).toEqual([]);
  });
});
