import { ApplicationGateway as ApplicationGatewayResource } from '@cdktf/provider-azurerm/lib/application-gateway';
import { PublicIp } from '@cdktf/provider-azurerm/lib/public-ip';
import { RoleAssignment } from '@cdktf/provider-azurerm/lib/role-assignment';
import { Token } from 'cdktf';
import { Construct } from 'constructs';
import { isCidr, parseCidr } from '../../core/cidr';
import { Rule, validateProps, requireProps, intInRange } from '../../core/validation';
import { AppliedAvmInterfaces, applyAvmInterfaces, AvmCommonProps, DiagnosticSettingsProps, PrincipalType } from '../core/interfaces';
import { AzureResourceProps, resolvePlacement } from '../core/placement';
import { IManagedIdentity, ManagedIdentity } from '../security/managed-identity';
import { WafPolicy } from './waf-policy';

/** The gateway's dedicated subnet (a `VnetSubnet`). */
export interface IGatewaySubnet {
  readonly id: string;
  readonly name: string;
  readonly addressPrefix: string;
}

/** The listener certificate: a Key Vault certificate read by the gateway's identity. */
export interface GatewayCertificateSpec {
  /** Versionless Key Vault secret id of the certificate (`KeyVaultCertificate.secretId`): renewals are picked up. */
  readonly secretId: string;
  /** The vault; the gateway's identity gets Key Vault Secrets User on it. */
  readonly vault: { grantSecretsRead(principalId: string, principalType?: PrincipalType): RoleAssignment };
}

/** One backend service and the paths routed to it. */
export interface GatewayBackendSpec {
  /** Short name (`identity`), used in the names of the pool, settings, probe and path rule. */
  readonly name: string;
  /** Backend FQDN (a container app's FQDN) or IP address. */
  readonly address: string;
  /** Paths routed to this backend, e.g. `['/auth/*', '/users/*']`. */
  readonly paths: string[];
  /**
   * Backend port.
   * @default 443 with Https, 80 with Http
   */
  readonly port?: number;
  /**
   * Protocol to the backend.
   * @default 'Https'
   */
  readonly protocol?: 'Http' | 'Https';
  /**
   * Health probe path.
   * @default '/health'
   */
  readonly probePath?: string;
}

export interface ApplicationGatewayProps extends AzureResourceProps, AvmCommonProps, DiagnosticSettingsProps {
  /** Dedicated subnet (nothing but Application Gateways in it), /26 or larger recommended, /29 minimum. */
  readonly subnet: IGatewaySubnet;
  /** WAF policy attached to the gateway (the SKU is WAF_v2). */
  readonly wafPolicy: WafPolicy;
  /** HTTPS listener certificate. */
  readonly certificate: GatewayCertificateSpec;
  /** Backends with their paths; at least one. */
  readonly backends: GatewayBackendSpec[];
  /**
   * Backend for requests matching no path.
   * @default the first backend
   */
  readonly defaultBackend?: string;
  /**
   * Minimum instances (autoscale), 0-125.
   * @default 1
   */
  readonly minCapacity?: number;
  /**
   * Maximum instances (autoscale), 2-125.
   * @default 10
   */
  readonly maxCapacity?: number;
  /**
   * Availability zones of the gateway and its public IP.
   * @default none
   */
  readonly zones?: string[];
  /**
   * Listen on 80 and redirect permanently to HTTPS.
   * @default true
   */
  readonly httpToHttpsRedirect?: boolean;
  /**
   * Predefined TLS policy: `AppGwSslPolicy20220101S` (TLS 1.2+, strong ciphers only), `AppGwSslPolicy20220101` (TLS 1.2+,
   * wider cipher list for older clients).
   * @default 'AppGwSslPolicy20220101S'
   */
  readonly tlsPolicy?: 'AppGwSslPolicy20220101' | 'AppGwSslPolicy20220101S';
  /**
   * Host name of the HTTPS listener (SNI).
   * @default none: a basic listener for every host name
   */
  readonly hostName?: string;
  /**
   * User-assigned identity reading the certificate.
   * @default a new identity
   */
  readonly identity?: IManagedIdentity;
}

const between = (n: number | undefined, lo: number, hi: number) => n === undefined || intInRange(n, lo, hi);
const minOf = (p: ApplicationGatewayProps) => p.minCapacity ?? 1;
const maxOf = (p: ApplicationGatewayProps) => p.maxCapacity ?? 10;
const BACKEND_NAME = /^[a-z][a-z0-9-]{0,39}$/;

const RULES: Rule<ApplicationGatewayProps>[] = [
  { rule: 'at least one backend', check: (p) => (p.backends.length === 0 ? p.backends : undefined) },
  { rule: 'backend names must be lowercase letters, digits and hyphens (1-40), starting with a letter', check: (p) => p.backends.map((b) => b.name).find((n) => !BACKEND_NAME.test(n)) },
  { rule: 'backend names must be unique', check: (p) => p.backends.map((b) => b.name).find((n, i, all) => all.indexOf(n) !== i) },
  { rule: 'every backend needs at least one path', check: (p) => p.backends.find((b) => b.paths.length === 0)?.name },
  { rule: 'backend paths and probe paths must start with /', check: (p) => p.backends.flatMap((b) => [...b.paths, b.probePath ?? '/']).find((x) => !x.startsWith('/')) },
  { rule: 'a path can route to one backend only', check: (p) => p.backends.flatMap((b) => b.paths).find((x, i, all) => all.indexOf(x) !== i) },
  { rule: 'backend ports must be 1-65535', check: (p) => p.backends.map((b) => b.port).find((n) => !between(n, 1, 65535)) },
  { rule: (p) => `defaultBackend must be one of the backends (${p.backends.map((b) => b.name).join(', ')})`, check: (p) => (p.defaultBackend !== undefined && !p.backends.some((b) => b.name === p.defaultBackend) ? p.defaultBackend : undefined) },
  { rule: 'minCapacity must be an integer between 0 and 125', check: (p) => (between(p.minCapacity, 0, 125) ? undefined : p.minCapacity) },
  { rule: 'maxCapacity must be an integer between 2 and 125', check: (p) => (between(p.maxCapacity, 2, 125) ? undefined : p.maxCapacity) },
  { rule: 'maxCapacity must be at least minCapacity', check: (p) => (maxOf(p) < minOf(p) ? { minCapacity: minOf(p), maxCapacity: maxOf(p) } : undefined) },
  { rule: 'zones must be 1, 2 or 3, each once', check: (p) => (p.zones ?? []).find((z, i, all) => !['1', '2', '3'].includes(z) || all.indexOf(z) !== i) },
  {
    rule: 'a gateway spread over zones needs minCapacity of at least 2 (one instance per zone survives a zone loss)',
    check: (p) => ((p.zones ?? []).length > 1 && minOf(p) < 2 ? minOf(p) : undefined),
  },
  {
    rule: 'the gateway subnet must be /29 or larger (/26 or larger leaves room to autoscale)',
    check: (p) => (!Token.isUnresolved(p.subnet.addressPrefix) && isCidr(p.subnet.addressPrefix) && parseCidr(p.subnet.addressPrefix).prefix > 29 ? p.subnet.addressPrefix : undefined),
  },
];

/**
 * An Application Gateway WAF_v2: a static public IP (the only inbound one of an architecture), an HTTPS listener
 * on 443 with a Key Vault certificate read by the gateway's user-assigned identity, HTTP 80 redirected to HTTPS,
 * a TLS 1.2+ policy, path-based routing to the backends with one health probe each, autoscaling, zones, HTTP/2,
 * and a {@link WafPolicy} enforced on every listener.
 *
 * The gateway subnet's NSG must allow 65200-65535 from `GatewayManager` and traffic from `AzureLoadBalancer`
 * (v2 infrastructure), and the listener ports from clients.
 */
export class ApplicationGateway extends Construct {
  public readonly resource: ApplicationGatewayResource;
  public readonly publicIp: PublicIp;
  public readonly id: string;
  public readonly name: string;
  /** The public IPv4 address. */
  public readonly publicIpAddress: string;
  public readonly identity: IManagedIdentity;
  public readonly interfaces: AppliedAvmInterfaces;

  constructor(scope: Construct, id: string, props: ApplicationGatewayProps) {
    super(scope, id);
    requireProps(this, props, ['subnet', 'wafPolicy', 'certificate', 'backends']);
    validateProps(this, props, RULES);
    const { stack, name, location, resourceGroupName } = resolvePlacement(this, 'applicationGateway', props, 'Microsoft.Network');
    const q = props.nameQualifier ? [props.nameQualifier] : [];
    this.identity = props.identity ?? new ManagedIdentity(this, 'Identity', { name: stack.azureNaming.name('userAssignedIdentity', ...q, 'agw'), location, resourceGroupName, tags: props.tags });
    const readCert = props.certificate.vault.grantSecretsRead(this.identity.principalId);
    const pipName = stack.azureNaming.name('publicIp', ...q, 'agw');
    this.publicIp = new PublicIp(this, 'PublicIp', {
      name: pipName,
      location,
      resourceGroupName,
      sku: 'Standard',
      allocationMethod: 'Static',
      zones: props.zones,
      tags: props.tags,
    });
    const redirect = props.httpToHttpsRedirect ?? true;
    const defaultBackend = props.defaultBackend ?? props.backends[0]?.name ?? '';
    const portOf = (b: GatewayBackendSpec) => b.port ?? ((b.protocol ?? 'Https') === 'Https' ? 443 : 80);

    this.resource = new ApplicationGatewayResource(this, 'Resource', {
      name,
      location,
      resourceGroupName,
      sku: { name: 'WAF_v2', tier: 'WAF_v2' },
      autoscaleConfiguration: { minCapacity: minOf(props), maxCapacity: maxOf(props) },
      zones: props.zones,
      enableHttp2: true,
      firewallPolicyId: props.wafPolicy.id,
      forceFirewallPolicyAssociation: true,
      identity: { type: 'UserAssigned', identityIds: [this.identity.id] },
      gatewayIpConfiguration: [{ name: 'gateway', subnetId: props.subnet.id }],
      frontendIpConfiguration: [{ name: 'public', publicIpAddressId: this.publicIp.id }],
      frontendPort: [{ name: 'https', port: 443 }, ...(redirect ? [{ name: 'http', port: 80 }] : [])],
      sslCertificate: [{ name: 'tls', keyVaultSecretId: props.certificate.secretId }],
      sslPolicy: { policyType: 'Predefined', policyName: props.tlsPolicy ?? 'AppGwSslPolicy20220101S' },
      httpListener: [
        { name: 'https', frontendIpConfigurationName: 'public', frontendPortName: 'https', protocol: 'Https', sslCertificateName: 'tls', hostName: props.hostName, requireSni: props.hostName !== undefined },
        ...(redirect ? [{ name: 'http', frontendIpConfigurationName: 'public', frontendPortName: 'http', protocol: 'Http', hostName: props.hostName }] : []),
      ],
      redirectConfiguration: redirect ? [{ name: 'http-to-https', redirectType: 'Permanent', targetListenerName: 'https', includePath: true, includeQueryString: true }] : undefined,
      backendAddressPool: props.backends.map((b) => (isIp(b.address) ? { name: `pool-${b.name}`, ipAddresses: [b.address] } : { name: `pool-${b.name}`, fqdns: [b.address] })),
      backendHttpSettings: props.backends.map((b) => ({
        name: `settings-${b.name}`,
        port: portOf(b),
        protocol: b.protocol ?? 'Https',
        cookieBasedAffinity: 'Disabled',
        pickHostNameFromBackendAddress: true,
        requestTimeout: 60,
        probeName: `probe-${b.name}`,
      })),
      probe: props.backends.map((b) => ({
        name: `probe-${b.name}`,
        protocol: b.protocol ?? 'Https',
        path: b.probePath ?? '/health',
        interval: 30,
        timeout: 30,
        unhealthyThreshold: 3,
        pickHostNameFromBackendHttpSettings: true,
        match: { statusCode: ['200-399'] },
      })),
      urlPathMap: [
        {
          name: 'paths',
          defaultBackendAddressPoolName: `pool-${defaultBackend}`,
          defaultBackendHttpSettingsName: `settings-${defaultBackend}`,
          pathRule: props.backends.map((b) => ({ name: b.name, paths: b.paths, backendAddressPoolName: `pool-${b.name}`, backendHttpSettingsName: `settings-${b.name}` })),
        },
      ],
      requestRoutingRule: [
        { name: 'https', ruleType: 'PathBasedRouting', httpListenerName: 'https', urlPathMapName: 'paths', priority: 100 },
        ...(redirect ? [{ name: 'http-to-https', ruleType: 'Basic', httpListenerName: 'http', redirectConfigurationName: 'http-to-https', priority: 110 }] : []),
      ],
      tags: props.tags,
      dependsOn: [readCert],
    });
    this.id = this.resource.id;
    this.name = this.resource.name;
    this.publicIpAddress = this.publicIp.ipAddress;
    this.interfaces = applyAvmInterfaces(this, { resourceId: this.id, resourceName: name, location, resourceGroupName }, props);
    // The public IP's DDoS notifications, mitigation reports and metrics go to the same workspaces.
    applyAvmInterfaces(new Construct(this, 'PublicIpInterfaces'), { resourceId: this.publicIp.id, resourceName: pipName, location, resourceGroupName }, { diagnosticSettings: props.diagnosticSettings });
  }
}

function isIp(s: string): boolean {
  return !Token.isUnresolved(s) && /^\d{1,3}(\.\d{1,3}){3}$/.test(s);
}
