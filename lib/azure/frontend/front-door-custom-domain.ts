import { CdnFrontdoorCustomDomain } from '@cdktf/provider-azurerm/lib/cdn-frontdoor-custom-domain';
import { CdnFrontdoorCustomDomainAssociation } from '@cdktf/provider-azurerm/lib/cdn-frontdoor-custom-domain-association';
import { DnsCnameRecord } from '@cdktf/provider-azurerm/lib/dns-cname-record';
import { DnsTxtRecord } from '@cdktf/provider-azurerm/lib/dns-txt-record';
import { Construct } from 'constructs';
import { Rule, validateProps, requireProps } from '../../core/validation';
import { DnsZone } from '../network/dns-zone';
import { FrontDoor } from './front-door';

export interface FrontDoorCustomDomainProps {
  readonly frontDoor: FrontDoor;
  /** The Azure DNS zone holding the host name. */
  readonly zone: DnsZone;
  /** Host name inside the zone, e.g. `app.example.com`. */
  readonly hostName: string;
}

const RULES: Rule<FrontDoorCustomDomainProps>[] = [
  { rule: 'hostName must be a name inside the DNS zone (not its apex)', check: (p) => (typeof p.zone.resource.nameInput === 'string' && !p.hostName.endsWith(`.${p.zone.resource.nameInput}`) ? p.hostName : undefined) },
];

/**
 * A custom domain on a Front Door endpoint: managed TLS certificate (TLS 1.2),
 * the `_dnsauth` TXT validation record and the CNAME to the endpoint in Azure
 * DNS, associated with the Front Door route.
 */
export class FrontDoorCustomDomain extends Construct {
  public readonly domain: CdnFrontdoorCustomDomain;

  constructor(scope: Construct, id: string, props: FrontDoorCustomDomainProps) {
    super(scope, id);
    requireProps(this, props, ['frontDoor', 'zone', 'hostName']);
    validateProps(this, props, RULES);
    const zoneName = props.zone.resource.nameInput as string;
    const label = props.hostName.slice(0, -(zoneName.length + 1));
    this.domain = new CdnFrontdoorCustomDomain(this, 'Domain', {
      name: props.hostName.replace(/\./g, '-'),
      cdnFrontdoorProfileId: props.frontDoor.profile.id,
      dnsZoneId: props.zone.id,
      hostName: props.hostName,
      tls: { certificateType: 'ManagedCertificate' },
    });
    new DnsTxtRecord(this, 'Validation', {
      name: `_dnsauth.${label}`,
      zoneName: props.zone.name,
      resourceGroupName: props.zone.resourceGroupName,
      ttl: 3600,
      record: [{ value: this.domain.validationToken }],
    });
    new DnsCnameRecord(this, 'Cname', {
      name: label,
      zoneName: props.zone.name,
      resourceGroupName: props.zone.resourceGroupName,
      ttl: 3600,
      record: props.frontDoor.endpointHostName,
    });
    new CdnFrontdoorCustomDomainAssociation(this, 'Association', { cdnFrontdoorCustomDomainId: this.domain.id, cdnFrontdoorRouteIds: [props.frontDoor.route.id] });
  }
}
