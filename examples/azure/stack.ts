/**
 * A small web app on Azure, built from the library's public entry points only:
 * a VNet, a Linux web app running a container from ACR (pulled with its managed
 * identity), PostgreSQL flexible server behind a private endpoint, Key Vault for
 * its secrets, Log Analytics + Application Insights, state in an azurerm backend.
 *
 * In your own repository the imports read `from 'cdktf-reference-architectures/azure'`
 * (and `/core`, `/policy`); here they point at the same index files.
 */
import { Construct } from 'constructs';
import {
  AppServicePlan,
  AppSetting,
  ApplicationInsights,
  AzureStack,
  ContainerRegistry,
  KeyVault,
  LinuxWebApp,
  LogAnalyticsWorkspace,
  PostgresFlexibleServer,
  PRIVATE_DNS_ZONES,
  PrivateEndpointSpec,
  VirtualNetwork,
} from '../../lib/azure';
import { BackendConfig, Port, Stage } from '../../lib/core';
import { Policy } from '../../lib/policy';

export interface NotesStackProps {
  readonly environment: string;
  readonly stage: Stage;
  readonly location: string;
  readonly subscriptionId: string;
  /** Remote state: storage account and container (the key defaults to `<stack>.tfstate`). */
  readonly backend: BackendConfig;
  /** Image in the registry, `repository:tag`. */
  readonly image: string;
}

export class NotesStack extends AzureStack {
  constructor(scope: Construct, id: string, props: NotesStackProps) {
    super(scope, id, { architecture: 'notes', ...props });

    // --- monitoring: every resource below sends logs and metrics to the workspace
    const logs = new LogAnalyticsWorkspace(this, 'Logs', { retentionDays: 30 });
    const insights = new ApplicationInsights(this, 'Insights', { workspace: logs, applicationType: 'web' });
    const diagnosticSettings = [logs.diagnosticSetting()];

    // --- network: the web app's integration subnet and the private endpoints' subnet
    const vnet = new VirtualNetwork(this, 'Network', {
      addressSpace: ['10.50.0.0/22'],
      subnets: [
        { name: 'snet-app', addressPrefix: '10.50.0.0/24', delegation: 'Microsoft.Web/serverFarms' },
        { name: 'snet-pe', addressPrefix: '10.50.1.0/24' },
      ],
      diagnosticSettings,
    });
    const appSubnet = vnet.subnet('snet-app');
    const peSubnet = vnet.subnet('snet-pe');
    for (const port of [443, 5432]) peSubnet.allowFrom(appSubnet, Port.tcp(port)); // Key Vault, PostgreSQL
    const privately = (zone: string): PrivateEndpointSpec[] => [{ subnetResourceId: peSubnet.id, privateDnsZoneResourceIds: [vnet.addPrivateDnsZone(zone).id] }];

    // --- secrets: Key Vault (private); Terraform runs inside the VNet to write the secrets
    const vault = new KeyVault(this, 'Secrets', { purgeProtection: true, privateEndpoints: privately(PRIVATE_DNS_ZONES.keyVault), deployer: { runsInsideVnet: true }, diagnosticSettings });

    // --- data: PostgreSQL 16 behind a private endpoint, generated admin password in Key Vault
    const db = new PostgresFlexibleServer(this, 'Database', { keyVault: vault, databases: ['notes'], geoRedundantBackup: this.isProduction, privateEndpoints: privately(PRIVATE_DNS_ZONES.postgresql), diagnosticSettings });
    const databaseUrl = vault.addSecret('DATABASE-URL', db.connectionUrl('notes'));

    // --- compute: registry, plan and the web app (image pulled with the app's identity)
    const registry = new ContainerRegistry(this, 'Registry', { sku: 'Premium', privateEndpoints: privately(PRIVATE_DNS_ZONES.containerRegistry), publicNetworkAccess: false, diagnosticSettings });
    const plan = new AppServicePlan(this, 'Plan', { sku: 'P0v3', diagnosticSettings });
    const web = new LinuxWebApp(this, 'Web', {
      nameQualifier: 'web',
      plan,
      registry,
      image: props.image,
      containerPort: 8000,
      healthCheckPath: '/healthz',
      applicationInsights: insights,
      virtualNetworkSubnetId: appSubnet.id,
      appSettings: { DATABASE_URL: AppSetting.fromKeyVaultSecret(databaseUrl) },
      diagnosticSettings,
    });
    Policy.suppress(web, 'AZ-APP-005', 'a public site; its data services stay behind private endpoints');

    this.output('web_app_hostname', web.defaultHostname, 'https://<this> is the app');
    this.output('registry_login_server', registry.loginServer, 'Registry the pipeline pushes the image to');
    this.output('database_fqdn', db.fqdn, 'PostgreSQL host (private endpoint)');
  }
}
