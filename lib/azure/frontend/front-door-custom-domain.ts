import { CdnFrontdoorCustomDomain } from '@cdktf/provider-azurerm/lib/cdn-frontdoor-custom-domain';
import { CdnFrontdoorCustomDomainAssociation } from '@cdktf/provider-azurerm/lib/cdn-frontdoor-custom-domain-association';
import { DnsARecord } from '@cdktf/provider-azurerm/lib/dns-a-record';
import { DnsCnameRecord } from '@cdktf/provider-azurerm/lib/dns-cname-record';
import { DnsTxtRecord } from '@cdktf/provider-azurerm/lib/dns-txt-record';
import { Lazy } from 'cdktf';
import { Construct } from 'constructs';
import { Rule, validateProps, requireProps } from '../../core/validation';
import { IDnsZone } from '../network/dns-zone';
import type { FrontDoor } from './front-door';

export interface FrontDoorCustomDomainProps {
  readonly frontDoor: FrontDoor;
  /** The Azure DNS zone holding the host name (a `DnsZone`, or `DnsZone.fromName` for an existing one). */
  readonly zone: IDnsZone;
  /** Host name: the zone apex (`example.com`) or a name inside it (`www.example.com`). */
  readonly hostName: string;
}

const RULES: Rule<FrontDoorCustomDomainProps>[] = [
  {
    rule: 'hostName must be the DNS zone apex or a name inside the zone',
    check: (p) => (typeof p.zone.zoneName === 'string' && p.hostName !== p.zone.zoneName && !p.hostName.endsWith(`.${p.zone.zoneName}`) ? p.hostName : undefined),
  },
];

/**
 * A custom domain on a Front Door endpoint: managed TLS certificate (TLS 1.2),
 * the `_dnsauth` TXT validation record and, in Azure DNS, a CNAME to the
 * endpoint (or, at the zone apex where a CNAME is not allowed, an alias A
 * record targeting the endpoint), associated with every route of the Front
 * Door and covered by its WAF.
 */
export class FrontDoorCustomDomain extends Construct {
  public readonly domain: CdnFrontdoorCustomDomain;
  /** The host name served. */
  public readonly hostName: string;

  constructor(scope: Construct, id: string, props: FrontDoorCustomDomainProps) {
    super(scope, id);
    requireProps(this, props, ['frontDoor', 'zone', 'hostName']);
    validateProps(this, props, RULES);
    const zoneName = props.zone.zoneName;
    const apex = props.hostName === zoneName;
    const label = apex ? '@' : props.hostName.slice(0, -(zoneName.length + 1));
    this.hostName = props.hostName;
    this.domain = new CdnFrontdoorCustomDomain(this, 'Domain', {
      name: props.hostName.replace(/\./g, '-'),
      cdnFrontdoorProfileId: props.frontDoor.profile.id,
      dnsZoneId: props.zone.id,
      hostName: props.hostName,
      tls: { certificateType: 'ManagedCertificate' },
    });
    new DnsTxtRecord(this, 'Validation', {
      name: apex ? '_dnsauth' : `_dnsauth.${label}`,
      zoneName: props.zone.name,
      resourceGroupName: props.zone.resourceGroupName,
      ttl: 3600,
      record: [{ value: this.domain.validationToken }],
    });
    if (apex) {
      new DnsARecord(this, 'Alias', {
        name: '@',
        zoneName: props.zone.name,
        resourceGroupName: props.zone.resourceGroupName,
        ttl: 3600,
        targetResourceId: props.frontDoor.endpoint.id,
      });
    } else {
      new DnsCnameRecord(this, 'Cname', {
        name: label,
        zoneName: props.zone.name,
        resourceGroupName: props.zone.resourceGroupName,
        ttl: 3600,
        record: props.frontDoor.endpointHostName,
      });
    }
    props.frontDoor.registerCustomDomain(this.domain.id);
    // Every route of the endpoint, including those added after this domain.
    new CdnFrontdoorCustomDomainAssociation(this, 'Association', {
      cdnFrontdoorCustomDomainId: this.domain.id,
      cdnFrontdoorRouteIds: Lazy.listValue({ produce: () => props.frontDoor.routes.map((r) => r.id) }),
    });
  }
}
