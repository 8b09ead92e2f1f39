import { ApiManagement as ApimResource } from '@cdktf/provider-azurerm/lib/api-management';
import { ApiManagementApi } from '@cdktf/provider-azurerm/lib/api-management-api';
import { ApiManagementBackend } from '@cdktf/provider-azurerm/lib/api-management-backend';
import { ApiManagementProductPolicy } from '@cdktf/provider-azurerm/lib/api-management-product-policy';
import { PublicIp } from '@cdktf/provider-azurerm/lib/public-ip';
import { Testing } from 'cdktf';
import { ApiManagement, ApiManagementProps } from '../../lib/azure/gateway';
import { AzureStack } from '../../lib/azure/azure-stack';
import { expectValidationError } from '../helpers';

const newStack = () => new AzureStack(Testing.app(), 'test', { architecture: 'serverless-platform', environment: 'dev', location: 'westus2', backend: { type: 'local' } });
const PROPS: ApiManagementProps = {
  sku: 'Developer_1',
  publisherName: 'Platform',
  publisherEmail: 'api@example.com',
  apis: [{ name: 'users-api', path: 'users', backendUrl: 'https://users.internal' }],
  policies: { rateLimitCallsPerMinute: 100 },
};
const build = (props: Partial<ApiManagementProps> = {}) => {
  const stack = newStack();
  new ApiManagement(stack, 'Gw', { ...PROPS, ...props });
  return Testing.synth(stack);
};

describe('ApiManagement', () => {
  test('Developer with a subnet: External VNet injection with a Standard public IP, old TLS off, system identity', () => {
    const out = build({ subnetId: 'snet' });
    expect(out).toHaveResourceWithProperties(ApimResource, {
      sku_name: 'Developer_1',
      virtual_network_type: 'External',
      virtual_network_configuration: { subnet_id: 'snet' },
      identity: { type: 'SystemAssigned' },
      security: expect.objectContaining({ frontend_tls10_enabled: false, frontend_tls11_enabled: false, triple_des_ciphers_enabled: false }),
    });
    expect(out).toHaveResourceWithProperties(PublicIp, { sku: 'Standard' });
  });

  test('StandardV2 with a subnet: VNet integration, no public IP', () => {
    const out = build({ sku: 'StandardV2_1', subnetId: 'snet' });
    expect(out).toHaveResourceWithProperties(ApimResource, { sku_name: 'StandardV2_1', virtual_network_type: 'External' });
    expect(JSON.parse(out).resource.azurerm_public_ip).toBeUndefined();
  });

  test('API, backend and product policy: IP filter, basic auth, rate limit, caching', () => {
    const out = build({ policies: { rateLimitCallsPerMinute: 50, cacheDurationSeconds: 30, basicAuthSecretId: 'https://kv/secrets/h', allowedIpRanges: ['203.0.113.0/24'] } });
    expect(out).toHaveResourceWithProperties(ApiManagementApi, { name: 'users-api', path: 'users', subscription_required: true, protocols: ['https'] });
    expect(out).toHaveResourceWithProperties(ApiManagementBackend, { url: 'https://users.internal', protocol: 'http' });
    const xml = (Object.values(JSON.parse(out).resource.azurerm_api_management_product_policy)[0] as { xml_content: string }).xml_content;
    expect(xml).toContain('<ip-filter action="allow"><address-range from="203.0.113.0" to="203.0.113.255" /></ip-filter>');
    expect(xml).toContain('<value>{{basic-auth-header}}</value>');
    expect(xml).toContain('<rate-limit-by-key calls="50" renewal-period="60"');
    expect(xml).toContain('<cache-store duration="30" />');
    expect(out).toHaveResourceWithProperties(ApiManagementProductPolicy, {});
    expect(JSON.parse(out).resource.azurerm_api_management_named_value).toBeDefined();
  });

  test('no caching, no IP filter, no basic auth by default', () => {
    const xml = (Object.values(JSON.parse(build()).resource.azurerm_api_management_product_policy)[0] as { xml_content: string }).xml_content;
    expect(xml).not.toMatch(/cache-|ip-filter|check-header/);
  });

  const bad = (props: Partial<ApiManagementProps>, message: string) => expectValidationError(() => new ApiManagement(newStack(), 'Gw', { ...PROPS, ...props }), message);
  test('classic Standard asked to reach private backends', () =>
    bad({ sku: 'Standard_1', subnetId: 'snet' }, 'test/Gw: classic Basic, Standard, BasicV2 and Consumption tiers cannot reach private backends: use Developer (VNet injection), StandardV2 (VNet integration) or Premium (got "Standard_1")'));
  test('sku', () => bad({ sku: 'Gold_1' }, 'sku must look like Developer_1, StandardV2_1, Premium_1, ... or Consumption_0 (got "Gold_1")'));
  test('no API', () => bad({ apis: [] }, 'at least one API is needed (got [])'));
  test('duplicate API', () => bad({ apis: [PROPS.apis[0], { ...PROPS.apis[0], name: 'other' }] }, 'API names and paths must be unique (got "/users")'));
  test('bad path', () => bad({ apis: [{ ...PROPS.apis[0], path: '/users' }] }, 'API paths must be lowercase segments without leading or trailing slash (got "/users")'));
  test('rate limit', () => bad({ policies: { rateLimitCallsPerMinute: 0 } }, 'rateLimitCallsPerMinute must be a positive integer (got 0)'));
  test('cache duration', () => bad({ policies: { rateLimitCallsPerMinute: 1, cacheDurationSeconds: -1 } }, 'cacheDurationSeconds must be a non-negative integer (got -1)'));
  test('IP ranges', () => bad({ policies: { rateLimitCallsPerMinute: 1, allowedIpRanges: ['1.2.3.4'] } }, 'allowedIpRanges must be IPv4 CIDR blocks (got "1.2.3.4")'));
});
