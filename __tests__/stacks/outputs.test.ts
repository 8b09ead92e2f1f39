import { Testing, TerraformStack } from 'cdktf';
import { canalcoConfig } from '../../config/canalco';
import { merge } from '../../lib/core/config';
import { CanalcoStack } from '../../stacks/canalco';
import { addFlowliteStacks } from '../../stacks/flowlite';
import { addPersonalTechStacks } from '../../stacks/personal-tech';
import { addServerlessPlatformStacks } from '../../stacks/serverless-platform';
import { addStockwizStacks } from '../../stacks/stockwiz';
import { addTfstateAwsStack } from '../../stacks/tfstate-aws';
import { addTfstateAzureStack } from '../../stacks/tfstate-azure';

type Outputs = Record<string, { value: unknown; description?: string; sensitive?: boolean }>;

/** The outputs of `stack`, after checking that every one is described and none carries a secret. */
function outputsOf(stack: TerraformStack): Outputs {
  const outputs = (JSON.parse(Testing.synth(stack)).output ?? {}) as Outputs;
  for (const [name, o] of Object.entries(outputs)) {
    expect([name, typeof o.description === 'string' && o.description.length > 0]).toEqual([name, true]);
    expect([name, JSON.stringify(o.value)]).not.toEqual([name, expect.stringMatching(/random_password|secret_string|access_key|connection_string|password|auth_token/)]);
  }
  return outputs;
}
const ref = (type: string, attribute: string) => new RegExp(`^\\$\\{${type}\\.[^.]+\\.${attribute}\\}$`);
const byId = <T extends TerraformStack>(stacks: T[], id: string): T => stacks.find((s) => s.node.id === id)!;

describe('stack outputs (what the user reaches next)', () => {
  test('stockwiz: ALB hostname, ECR repositories, RDS and ElastiCache endpoints in prod', () => {
    const out = outputsOf(byId(addStockwizStacks(Testing.app()), 'stockwiz-prod'));
    expect(out.load_balancer_dns_name.value).toMatch(ref('aws_lb', 'dns_name'));
    expect(out.database_endpoint.value).toMatch(ref('aws_db_instance', 'endpoint'));
    expect(out.redis_primary_endpoint.value).toMatch(ref('aws_elasticache_replication_group', 'primary_endpoint_address'));
    expect(Object.keys(out.ecr_repository_urls.value as object).sort()).toEqual(['api-gateway', 'inventory-service', 'product-service']);
    expect(Object.values(out.ecr_repository_urls.value as object)).toEqual(Array(3).fill(expect.stringMatching(ref('aws_ecr_repository', 'repository_url'))));
  });

  test('canalco (DNS unmanaged): CloudFront and ALB hostnames, registry, database, DKIM tokens and the certificate validation records', () => {
    const out = outputsOf(new CanalcoStack(Testing.app(), 'canalco-dev', 'dev', merge(canalcoConfig('dev'), { dns: { zone: { mode: 'unmanaged' } } })));
    expect(out.cloudfront_domain_name.value).toMatch(ref('aws_cloudfront_distribution', 'domain_name'));
    expect(out.load_balancer_dns_name.value).toMatch(ref('aws_lb', 'dns_name'));
    expect(out.ecr_repository_url.value).toMatch(ref('aws_ecr_repository', 'repository_url'));
    expect(out.database_endpoint.value).toMatch(ref('aws_db_instance', 'endpoint'));
    expect(out.ses_dkim_tokens.value).toEqual([0, 1, 2].map((i) => expect.stringMatching(new RegExp(`^\\$\\{element\\(aws_sesv2_email_identity\\.[^.]+\\.dkim_signing_attributes\\[0\\]\\.tokens, ${i}\\)\\}$`))));
    expect(out.certificate_validation_records.value).toEqual({
      api: expect.stringMatching(/^\$\{tolist\(aws_acm_certificate\.ApiCertificate_[^.]+\.domain_validation_options\)\}$/),
      app: expect.stringMatching(/^\$\{tolist\(aws_acm_certificate\.Frontend_Certificate_[^.]+\.domain_validation_options\)\}$/),
    });
  });

  test('personal-tech: web app and Front Door hostnames, registry login server, database host, storage accounts', () => {
    const out = outputsOf(byId(addPersonalTechStacks(Testing.app()), 'personal-tech-prod'));
    expect(out.web_app_hostname.value).toMatch(ref('azurerm_linux_web_app', 'default_hostname'));
    expect(out.front_door_hostname.value).toMatch(ref('azurerm_cdn_frontdoor_endpoint', 'host_name'));
    expect(out.registry_login_server.value).toMatch(ref('azurerm_container_registry', 'login_server'));
    expect(out.database_fqdn.value).toMatch(ref('azurerm_postgresql_flexible_server', 'fqdn'));
    expect(out.static_storage_account_name.value).toMatch(/^\$\{azurerm_storage_account\.StaticFiles_[^.]+\.name\}$/);
    expect(out.backups_storage_account_name.value).toMatch(/^\$\{azurerm_storage_account\.Backups_[^.]+\.name\}$/);
  });

  test('flowlite: Application Gateway address, registry, MySQL host, files account', () => {
    const out = outputsOf(byId(addFlowliteStacks(Testing.app()), 'flowlite-prod'));
    expect(out.gateway_public_ip.value).toMatch(ref('azurerm_public_ip', 'ip_address'));
    expect(out.registry_login_server.value).toMatch(ref('azurerm_container_registry', 'login_server'));
    expect(out.mysql_fqdn.value).toMatch(ref('azurerm_mysql_flexible_server', 'fqdn'));
    expect(out.files_storage_account_name.value).toMatch(ref('azurerm_storage_account', 'name'));
  });

  test('serverless-platform: Front Door, Static Web Apps, API Management, SQL host; the outputs follow the features', () => {
    const stacks = addServerlessPlatformStacks(Testing.app());
    const prod = outputsOf(byId(stacks, 'serverless-platform-prod'));
    expect(prod.front_door_hostname.value).toMatch(ref('azurerm_cdn_frontdoor_endpoint', 'host_name'));
    expect(prod.api_gateway_url.value).toMatch(ref('azurerm_api_management', 'gateway_url'));
    expect(prod.sql_server_fqdn.value).toMatch(ref('azurerm_mssql_server', 'fully_qualified_domain_name'));
    expect(prod.static_web_app_hostnames.value).toEqual([expect.stringMatching(ref('azurerm_static_web_app', 'default_host_name')), expect.stringMatching(ref('azurerm_static_web_app', 'default_host_name'))]);
    // qa has neither Front Door nor API Management: no output points at them.
    const qa = outputsOf(byId(stacks, 'serverless-platform-qa'));
    expect(qa.front_door_hostname).toBeUndefined();
    expect(qa.api_gateway_url).toBeUndefined();
  });

  test('tfstate-aws and tfstate-azure: the state bucket and storage account names', () => {
    const aws = outputsOf(addTfstateAwsStack(Testing.app()));
    expect(aws.state_bucket_name.value).toMatch(/^\$\{aws_s3_bucket\.State_[^.]+\.bucket\}$/);
    const azure = outputsOf(addTfstateAzureStack(Testing.app()));
    expect(azure.storage_account_name.value).toMatch(/^\$\{azurerm_storage_account\.State_[^.]+\.name\}$/);
    expect(azure.resource_group_name.value).toMatch(ref('azurerm_resource_group', 'name'));
    expect(azure.container_name.value).toBe('tfstate');
  });
});
