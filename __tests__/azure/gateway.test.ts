import { ApplicationGateway as AgwResource } from '@cdktf/provider-azurerm/lib/application-gateway';
import { KeyVaultCertificate as KvCertResource } from '@cdktf/provider-azurerm/lib/key-vault-certificate';
import { PublicIp } from '@cdktf/provider-azurerm/lib/public-ip';
import { WebApplicationFirewallPolicy } from '@cdktf/provider-azurerm/lib/web-application-firewall-policy';
import { Testing } from 'cdktf';
import { ApplicationGateway, ApplicationGatewayProps, WafPolicy, WafPolicyProps } from '../../lib/azure/gateway';
import { VirtualNetwork } from '../../lib/azure/network';
import { KeyVault, KeyVaultCertificate, KeyVaultCertificateProps } from '../../lib/azure/security';
import { AzureStack } from '../../lib/azure/azure-stack';
import { expectValidationError } from '../helpers';

const newStack = () => new AzureStack(Testing.app(), 'test', { architecture: 'flowlite', environment: 'prod', location: 'eastus', backend: { type: 'local' } });
const resources = (stack: AzureStack, type: string) => Object.values((JSON.parse(Testing.synth(stack)).resource[type] ?? {}) as Record<string, Record<string, unknown>>);

const gateway = (props: Partial<ApplicationGatewayProps> = {}, subnetPrefix = '10.0.0.0/24') => {
  const stack = newStack();
  const vnet = new VirtualNetwork(stack, 'Vnet', { addressSpace: ['10.0.0.0/16'], subnets: [{ name: 'snet-agw', addressPrefix: subnetPrefix }] });
  const vault = new KeyVault(stack, 'Vault', {});
  const cert = new KeyVaultCertificate(stack, 'Cert', { vault, name: 'tls', subject: 'CN=api.example.com' });
  const waf = new WafPolicy(stack, 'Waf', { rateLimits: [{ requests: 600 }] });
  const agw = new ApplicationGateway(stack, 'Gateway', {
    subnet: vnet.subnet('snet-agw'),
    wafPolicy: waf,
    certificate: { secretId: cert.secretId, vault },
    backends: [
      { name: 'identity', address: 'identity.internal.example', paths: ['/auth/*'], probePath: '/health/ready' },
      { name: 'upload', address: 'upload.internal.example', paths: ['/upload/*'] },
    ],
    minCapacity: 2,
    maxCapacity: 10,
    zones: ['1', '2', '3'],
    ...props,
  });
  return { stack, agw };
};

describe('WafPolicy', () => {
  test('DRS 2.1 + bot manager, Prevention, body inspection, per-IP rate limit and per-endpoint limit', () => {
    const stack = newStack();
    new WafPolicy(stack, 'Waf', { rateLimits: [{ requests: 600 }, { requests: 60, pathPrefixes: ['/upload/'] }] });
    const out = Testing.synth(stack);
    expect(out).toHaveResourceWithProperties(WebApplicationFirewallPolicy, {
      name: 'waf-flowlite-prod-eus',
      policy_settings: expect.objectContaining({ enabled: true, mode: 'Prevention', request_body_check: true, request_body_enforcement: true, max_request_body_size_in_kb: 128 }),
      managed_rules: { managed_rule_set: [{ type: 'Microsoft_DefaultRuleSet', version: '2.1' }, { type: 'Microsoft_BotManagerRuleSet', version: '1.1' }] },
    });
    const [policy] = resources(stack, 'azurerm_web_application_firewall_policy');
    const rules = policy.custom_rules as { rule_type: string; group_rate_limit_by: string; rate_limit_threshold: number; action: string; match_conditions: { operator: string }[] }[];
    expect(rules.map((r) => [r.rule_type, r.group_rate_limit_by, r.rate_limit_threshold, r.action, r.match_conditions[0].operator])).toEqual([
      ['RateLimitRule', 'ClientAddr', 600, 'Block', 'IPMatch'],
      ['RateLimitRule', 'ClientAddr', 60, 'Block', 'BeginsWith'],
    ]);
  });

  test('OWASP CRS 3.2 on request', () => {
    const stack = newStack();
    new WafPolicy(stack, 'Waf', { managedRuleSet: 'OWASP-3.2', botProtection: false });
    expect(Testing.synth(stack)).toHaveResourceWithProperties(WebApplicationFirewallPolicy, { managed_rules: { managed_rule_set: [{ type: 'OWASP', version: '3.2' }] } });
  });

  test.each([
    [{ managedRuleSet: 'CRS-4' }, 'test/Waf: managedRuleSet must be one of OWASP-3.2, DRS-2.1 (got "CRS-4")'],
    [{ mode: 'Off' }, 'test/Waf: mode must be Prevention or Detection (got "Off")'],
    [{ rateLimits: [{ requests: 5 }] }, 'test/Waf: rate limits need an integer of at least 10 requests (got 5)'],
    [{ rateLimits: Array.from({ length: 11 }, () => ({ requests: 100 })) }, 'test/Waf: at most 10 rate limits (got 11)'],
    [{ rateLimits: [{ requests: 100, pathPrefixes: ['upload'] }] }, 'test/Waf: rate limit pathPrefixes must start with / (got "upload")'],
    [{ maxRequestBodySizeKb: 4 }, 'test/Waf: maxRequestBodySizeKb must be an integer between 8 and 2000 (got 4)'],
    [{ fileUploadLimitMb: 5000 }, 'test/Waf: fileUploadLimitMb must be an integer between 1 and 4000 (got 5000)'],
  ] as [WafPolicyProps, string][])('rejects %j', (props, message) => {
    expectValidationError(() => new WafPolicy(newStack(), 'Waf', props), message);
  });
});

describe('KeyVaultCertificate', () => {
  test('self-signed by default, exportable RSA 2048, auto-renewed; the deployer may issue it', () => {
    const stack = newStack();
    const vault = new KeyVault(stack, 'Vault', {});
    new KeyVaultCertificate(stack, 'Cert', { vault, name: 'tls', subject: 'CN=api.example.com' });
    const out = Testing.synth(stack);
    expect(out).toHaveResourceWithProperties(KvCertResource, {
      name: 'tls',
      certificate_policy: expect.objectContaining({
        issuer_parameters: { name: 'Self' },
        key_properties: { exportable: true, key_type: 'RSA', key_size: 2048, reuse_key: false },
        x509_certificate_properties: expect.objectContaining({ subject: 'CN=api.example.com', subject_alternative_names: { dns_names: ['api.example.com'] } }),
      }),
    });
    expect(resources(stack, 'azurerm_role_assignment').map((r) => r.role_definition_name)).toContain('Key Vault Certificates Officer');
  });

  test.each([
    [{ name: 'tls_cert' }, 'test/Cert: certificate name must be 1-127 letters, digits and hyphens (got "tls_cert")'],
    [{ subject: 'api.example.com' }, 'test/Cert: subject must start with CN= (got "api.example.com")'],
    [{ issuer: 'DigiCert', validityInMonths: 24 }, 'test/Cert: validityInMonths must be an integer between 1 and 12 (got 24)'],
    [{ renewDaysBeforeExpiry: 0 }, 'test/Cert: renewDaysBeforeExpiry must be an integer of at least 1 and less than the validity (got 0)'],
  ] as [Partial<KeyVaultCertificateProps>, string][])('rejects %j', (props, message) => {
    expectValidationError(() => {
      const stack = newStack();
      return new KeyVaultCertificate(stack, 'Cert', { vault: new KeyVault(stack, 'Vault', {}), name: 'tls', subject: 'CN=a.example.com', ...props });
    }, message);
  });
});

describe('ApplicationGateway', () => {
  test('WAF_v2, autoscale, zones, HTTPS listener with the Key Vault certificate, 80 → 443, TLS 1.2+, path routing, probes', () => {
    const { stack } = gateway();
    const out = Testing.synth(stack);
    expect(out).toHaveResourceWithProperties(AgwResource, {
      name: 'agw-flowlite-prod-eus',
      sku: { name: 'WAF_v2', tier: 'WAF_v2' },
      autoscale_configuration: { min_capacity: 2, max_capacity: 10 },
      zones: ['1', '2', '3'],
      force_firewall_policy_association: true,
      ssl_policy: { policy_type: 'Predefined', policy_name: 'AppGwSslPolicy20220101S' },
      ssl_certificate: [{ name: 'tls', key_vault_secret_id: expect.stringMatching(/versionless_secret_id/) }],
      frontend_port: [{ name: 'https', port: 443 }, { name: 'http', port: 80 }],
      redirect_configuration: [expect.objectContaining({ redirect_type: 'Permanent', target_listener_name: 'https' })],
      identity: { type: 'UserAssigned', identity_ids: [expect.stringMatching(/user_assigned_identity/)] },
    });
    const [agw] = resources(stack, 'azurerm_application_gateway');
    expect((agw.url_path_map as { path_rule: { paths: string[] }[] }[])[0].path_rule.map((r) => r.paths)).toEqual([['/auth/*'], ['/upload/*']]);
    expect((agw.probe as { name: string; path: string }[]).map((p) => [p.name, p.path])).toEqual([
      ['probe-identity', '/health/ready'],
      ['probe-upload', '/health'],
    ]);
    expect(out).toHaveResourceWithProperties(PublicIp, { name: 'pip-flowlite-agw-prod-eus', sku: 'Standard', allocation_method: 'Static', zones: ['1', '2', '3'] });
    expect(resources(stack, 'azurerm_role_assignment').map((r) => r.role_definition_name)).toContain('Key Vault Secrets User');
  });

  test.each([
    [{ backends: [] }, 'test/Gateway: at least one backend (got [])'],
    [{ backends: [{ name: 'Identity', address: 'a', paths: ['/a/*'] }] }, 'test/Gateway: backend names must be lowercase letters, digits and hyphens (1-40), starting with a letter (got "Identity")'],
    [{ backends: [{ name: 'a', address: 'a', paths: ['/a/*'] }, { name: 'a', address: 'b', paths: ['/b/*'] }] }, 'test/Gateway: backend names must be unique (got "a")'],
    [{ backends: [{ name: 'a', address: 'a', paths: [] }] }, 'test/Gateway: every backend needs at least one path (got "a")'],
    [{ backends: [{ name: 'a', address: 'a', paths: ['a/*'] }] }, 'test/Gateway: backend paths and probe paths must start with / (got "a/*")'],
    [{ backends: [{ name: 'a', address: 'a', paths: ['/x/*'] }, { name: 'b', address: 'b', paths: ['/x/*'] }] }, 'test/Gateway: a path can route to one backend only (got "/x/*")'],
    [{ backends: [{ name: 'a', address: 'a', paths: ['/x/*'], port: 0 }] }, 'test/Gateway: backend ports must be 1-65535 (got 0)'],
    [{ defaultBackend: 'data' }, 'test/Gateway: defaultBackend must be one of the backends (identity, upload) (got "data")'],
    [{ minCapacity: 200 }, /test\/Gateway: minCapacity must be an integer between 0 and 125 \(got 200\)/],
    [{ maxCapacity: 1, zones: undefined, minCapacity: 1 }, 'test/Gateway: maxCapacity must be an integer between 2 and 125 (got 1)'],
    [{ maxCapacity: 3, minCapacity: 5 }, 'test/Gateway: maxCapacity must be at least minCapacity (got {"minCapacity":5,"maxCapacity":3})'],
    [{ zones: ['4'] }, 'test/Gateway: zones must be 1, 2 or 3, each once (got "4")'],
    [{ minCapacity: 1 }, 'test/Gateway: a gateway spread over zones needs minCapacity of at least 2 (one instance per zone survives a zone loss) (got 1)'],
  ] as [Partial<ApplicationGatewayProps>, string | RegExp][])('rejects %j', (props, message) => {
    expectValidationError(() => gateway(props).agw, message);
  });

  test('rejects a subnet smaller than /29', () => {
    expectValidationError(() => {
      const stack = newStack();
      const vault = new KeyVault(stack, 'Vault', {});
      return new ApplicationGateway(stack, 'Gateway', {
        subnet: { id: 'x', name: 'snet-agw', addressPrefix: '10.0.0.0/30' },
        wafPolicy: new WafPolicy(stack, 'Waf'),
        certificate: { secretId: 'https://kv/secrets/tls', vault },
        backends: [{ name: 'a', address: 'a', paths: ['/a/*'] }],
      });
    }, 'test/Gateway: the gateway subnet must be /29 or larger (/26 or larger leaves room to autoscale) (got "10.0.0.0/30")');
  });
});
