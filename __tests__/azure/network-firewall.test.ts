import { DnsCnameRecord } from '@cdktf/provider-azurerm/lib/dns-cname-record';
import { DnsTxtRecord } from '@cdktf/provider-azurerm/lib/dns-txt-record';
import { Firewall as FirewallResource } from '@cdktf/provider-azurerm/lib/firewall';
import { FirewallPolicy } from '@cdktf/provider-azurerm/lib/firewall-policy';
import { FirewallPolicyRuleCollectionGroup } from '@cdktf/provider-azurerm/lib/firewall-policy-rule-collection-group';
import { RouteTable as RouteTableResource } from '@cdktf/provider-azurerm/lib/route-table';
import { StaticWebApp as SwaResource } from '@cdktf/provider-azurerm/lib/static-web-app';
import { CdnFrontdoorCustomDomain } from '@cdktf/provider-azurerm/lib/cdn-frontdoor-custom-domain';
import { DataFactory as AdfResource } from '@cdktf/provider-azurerm/lib/data-factory';
import { Testing } from 'cdktf';
import { DataFactory } from '../../lib/azure/etl';
import { FrontDoor, FrontDoorCustomDomain, StaticWebApp } from '../../lib/azure/frontend';
import { DnsZone, Firewall, FirewallProps, RouteTable } from '../../lib/azure/network';
import { AzureStack } from '../../lib/azure/azure-stack';
import { expectValidationError } from '../helpers';

const newStack = () => new AzureStack(Testing.app(), 'test', { architecture: 'serverless-platform', environment: 'prod', location: 'westus2', backend: { type: 'local' } });
const SUBNET = { id: 'snet-fw', name: 'AzureFirewallSubnet', addressPrefix: '10.2.6.0/26' };

describe('Firewall and RouteTable', () => {
  test('Standard firewall with a Deny threat-intel policy, FQDN and service-tag rules; 0.0.0.0/0 routed to it', () => {
    const stack = newStack();
    const fw = new Firewall(stack, 'Fw', {
      subnet: SUBNET,
      fqdnRules: [{ name: 'apis', sourceAddresses: ['10.2.2.0/24'], fqdns: ['api.stripe.com'] }],
      serviceTagRules: [{ name: 'monitor', sourceAddresses: ['10.2.2.0/24'], serviceTags: ['AzureMonitor'], ports: [443] }],
    });
    new RouteTable(stack, 'Rt', { routes: [{ name: 'default', addressPrefix: '0.0.0.0/0', nextHopType: 'VirtualAppliance', nextHopIp: fw.privateIpAddress }], subnets: [{ id: 'snet-fn', name: 'snet-functions' }] });
    const out = Testing.synth(stack);
    expect(out).toHaveResourceWithProperties(FirewallResource, { sku_name: 'AZFW_VNet', sku_tier: 'Standard', ip_configuration: [expect.objectContaining({ subnet_id: 'snet-fw' })] });
    expect(out).toHaveResourceWithProperties(FirewallPolicy, { threat_intelligence_mode: 'Deny', dns: { proxy_enabled: true } });
    expect(out).toHaveResourceWithProperties(FirewallPolicyRuleCollectionGroup, {
      application_rule_collection: [expect.objectContaining({ action: 'Allow', rule: [expect.objectContaining({ destination_fqdns: ['api.stripe.com'], protocols: [{ type: 'Https', port: 443 }] })] })],
      network_rule_collection: [expect.objectContaining({ rule: [expect.objectContaining({ destination_addresses: ['AzureMonitor'], destination_ports: ['443'] })] })],
    });
    expect(out).toHaveResourceWithProperties(RouteTableResource, { bgp_route_propagation_enabled: false, route: [expect.objectContaining({ address_prefix: '0.0.0.0/0', next_hop_type: 'VirtualAppliance', next_hop_in_ip_address: expect.stringContaining('azurerm_firewall') })] });
  });
  const bad = (props: Partial<FirewallProps>, message: string) => expectValidationError(() => new Firewall(newStack(), 'Fw', { subnet: SUBNET, ...props }), message);
  test('subnet name', () => bad({ subnet: { ...SUBNET, name: 'snet-fw' } }, 'test/Fw: the firewall subnet must be named AzureFirewallSubnet (got "snet-fw")'));
  test('subnet size', () => bad({ subnet: { ...SUBNET, addressPrefix: '10.2.6.0/27' } }, 'the AzureFirewallSubnet must be /26 or larger (got "10.2.6.0/27")'));
  test('empty rule', () => bad({ fqdnRules: [{ name: 'x', sourceAddresses: ['10.0.0.0/24'], fqdns: [] }] }, 'firewall rules need source addresses and at least one destination (got "x")'));
  test('duplicate rule names', () =>
    bad({ fqdnRules: [{ name: 'x', sourceAddresses: ['a'], fqdns: ['b.com'] }], serviceTagRules: [{ name: 'x', sourceAddresses: ['a'], serviceTags: ['Storage'], ports: [443] }] }, 'firewall rule names must be unique (got "x")'));
  test('route next hop', () =>
    expectValidationError(() => new RouteTable(newStack(), 'Rt', { routes: [{ name: 'r', addressPrefix: '0.0.0.0/0', nextHopType: 'VirtualAppliance' }] }), 'route r: nextHopIp is required with VirtualAppliance and only with it'));
});

describe('StaticWebApp, DnsZone, FrontDoorCustomDomain, DataFactory', () => {
  test('Static Web App Standard in West Europe', () => {
    const stack = newStack();
    new StaticWebApp(stack, 'Spa', { location: 'West Europe' });
    expect(Testing.synth(stack)).toHaveResourceWithProperties(SwaResource, { location: 'West Europe', sku_tier: 'Standard', sku_size: 'Standard', preview_environments_enabled: false });
  });
  test('Static Web App region', () => expectValidationError(() => new StaticWebApp(newStack(), 'Spa', { location: 'eastus' }), 'test/Spa: location must be a Static Web Apps region (westus2, centralus, eastus2, westeurope, eastasia) (got "eastus")'));

  test('custom domain: managed certificate, TXT validation and CNAME in the zone', () => {
    const stack = newStack();
    const fd = new FrontDoor(stack, 'Cdn', { origins: [{ hostName: 'a.azurestaticapps.net' }], waf: { rateLimitPerMinute: 100 } });
    const zone = new DnsZone(stack, 'Dns', { zoneName: 'example.com' });
    new FrontDoorCustomDomain(stack, 'Domain', { frontDoor: fd, zone, hostName: 'app.example.com' });
    const out = Testing.synth(stack);
    expect(out).toHaveResourceWithProperties(CdnFrontdoorCustomDomain, { host_name: 'app.example.com', tls: { certificate_type: 'ManagedCertificate' } });
    expect(out).toHaveResourceWithProperties(DnsTxtRecord, { name: '_dnsauth.app' });
    expect(out).toHaveResourceWithProperties(DnsCnameRecord, { name: 'app', record: expect.stringContaining('azurerm_cdn_frontdoor_endpoint') });
  });
  test('custom domain outside the zone', () =>
    expectValidationError(() => {
      const stack = newStack();
      return new FrontDoorCustomDomain(stack, 'Domain', { frontDoor: new FrontDoor(stack, 'Cdn', { origins: [{ hostName: 'a.b.net' }] }), zone: new DnsZone(stack, 'Dns', { zoneName: 'example.com' }), hostName: 'app.other.com' });
    }, 'test/Domain: hostName must be the DNS zone apex or a name inside the zone (got "app.other.com")'));

  test('apex custom domain: TXT at _dnsauth, alias A record on the endpoint (no CNAME at the apex); WAF and every route cover the custom domains', () => {
    const stack = newStack();
    const fd = new FrontDoor(stack, 'Cdn', { origins: [{ hostName: 'st.blob.core.windows.net' }], patterns: ['/static/*'], waf: { rateLimitPerMinute: 100 } });
    const zone = new DnsZone(stack, 'Dns', { zoneName: 'example.com' });
    const apex = new FrontDoorCustomDomain(stack, 'Apex', { frontDoor: fd, zone, hostName: 'example.com' });
    new FrontDoorCustomDomain(stack, 'Www', { frontDoor: fd, zone, hostName: 'www.example.com' });
    fd.addRoute('site', { origins: [{ hostName: 'app.azurewebsites.net' }], patterns: ['/*'], caching: { enabled: false } });
    expect(apex.hostName).toBe('example.com');
    const json = JSON.parse(Testing.synth(stack));
    const txt = Object.values(json.resource.azurerm_dns_txt_record as Record<string, { name: string }>).map((r) => r.name).sort();
    expect(txt).toEqual(['_dnsauth', '_dnsauth.www']);
    const a = Object.values(json.resource.azurerm_dns_a_record as Record<string, Record<string, unknown>>);
    expect(a).toHaveLength(1);
    expect(a[0]).toMatchObject({ name: '@', target_resource_id: expect.stringMatching(/^\$\{azurerm_cdn_frontdoor_endpoint\.Cdn_Endpoint_[0-9A-F]+\.id\}$/) });
    expect(Object.values(json.resource.azurerm_dns_cname_record as Record<string, { name: string }>).map((r) => r.name)).toEqual(['www']);
    const domains = (Object.values(json.resource.azurerm_cdn_frontdoor_security_policy)[0] as { security_policies: { firewall: { association: { domain: { cdn_frontdoor_domain_id: string }[] } } } }).security_policies.firewall.association.domain;
    expect(domains.map((d) => d.cdn_frontdoor_domain_id)).toEqual([
      expect.stringContaining('azurerm_cdn_frontdoor_endpoint.Cdn_Endpoint'),
      expect.stringContaining('azurerm_cdn_frontdoor_custom_domain.Apex_Domain'),
      expect.stringContaining('azurerm_cdn_frontdoor_custom_domain.Www_Domain'),
    ]);
    for (const assoc of Object.values(json.resource.azurerm_cdn_frontdoor_custom_domain_association as Record<string, { cdn_frontdoor_route_ids: string[] }>)) {
      expect(assoc.cdn_frontdoor_route_ids).toEqual([expect.stringContaining('azurerm_cdn_frontdoor_route.Cdn_Route_'), expect.stringContaining('azurerm_cdn_frontdoor_route.Cdn_site-Route_')]);
    }
  });

  test('DnsZone.fromName: an existing zone through a data source, records go into it', () => {
    const stack = newStack();
    const fd = new FrontDoor(stack, 'Cdn', { origins: [{ hostName: 'st.blob.core.windows.net' }] });
    const zone = DnsZone.fromName(stack, 'Dns', 'example.com', 'rg-dns');
    new FrontDoorCustomDomain(stack, 'Www', { frontDoor: fd, zone, hostName: 'www.example.com' });
    const json = JSON.parse(Testing.synth(stack));
    expect(Object.values(json.data.azurerm_dns_zone)[0]).toMatchObject({ name: 'example.com', resource_group_name: 'rg-dns' });
    expect(json.resource.azurerm_dns_zone).toBeUndefined();
    expect(Object.values(json.resource.azurerm_dns_cname_record)[0]).toMatchObject({ resource_group_name: 'rg-dns', zone_name: expect.stringContaining('data.azurerm_dns_zone.') });
  });
  test('DnsZone.fromName zone name', () => expectValidationError(() => DnsZone.fromName(newStack(), 'Dns', 'Example', 'rg'), 'test/Dns: zoneName must be a lowercase DNS name of at least two labels (got "Example")'));
  test('DNS zone name', () => expectValidationError(() => new DnsZone(newStack(), 'Dns', { zoneName: 'Example' }), 'zoneName must be a lowercase DNS name of at least two labels (got "Example")'));

  test('Data Factory: managed VNet, public endpoint off, system identity', () => {
    const stack = newStack();
    new DataFactory(stack, 'Adf');
    expect(Testing.synth(stack)).toHaveResourceWithProperties(AdfResource, { managed_virtual_network_enabled: true, public_network_enabled: false, identity: { type: 'SystemAssigned' } });
  });
});
