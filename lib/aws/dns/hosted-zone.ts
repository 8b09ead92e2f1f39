import { DataAwsRoute53Zone } from '@cdktf/provider-aws/lib/data-aws-route53-zone';
import { Route53Record } from '@cdktf/provider-aws/lib/route53-record';
import { Route53Zone } from '@cdktf/provider-aws/lib/route53-zone';
import { Construct } from 'constructs';
import { requireProps, Rule, validateProps } from '../../core/validation';
import { Policy } from '../../policy';
import { DOMAIN_NAME, isInZone, ZONE_ID } from './names';
import type { HostedZoneConfig } from './zone-config';

/**
 * A Route 53 public hosted zone, created here or looked up: what certificates,
 * e-mail domains and aliases need to create their records.
 */
export interface IHostedZone {
  /** The zone id, e.g. `Z0123456789ABC` (a token for zones created or looked up by Terraform). */
  readonly hostedZoneId: string;
  /** The zone's domain, e.g. `example.com` (known at synth: records are checked against it). */
  readonly zoneName: string;
}

/** Attributes of an existing zone, known without a lookup. */
export interface HostedZoneAttributes {
  readonly hostedZoneId: string;
  readonly zoneName: string;
}

/** How {@link HostedZone.fromLookup} finds an existing public zone. */
export interface HostedZoneLookup {
  /** Domain of the zone, e.g. `example.com`. */
  readonly zoneName: string;
  /**
   * Id of the zone, when several public zones carry the same name.
   * @default the only public zone named `zoneName` (plan fails when there is none)
   */
  readonly hostedZoneId?: string;
}

export interface HostedZoneProps {
  /** Domain of the zone, e.g. `example.com` or `dev.example.com` (no trailing dot). */
  readonly zoneName: string;
  /**
   * Description shown in the Route 53 console.
   * @default 'Managed by Terraform (cdktf)'
   */
  readonly comment?: string;
  /**
   * Let `terraform destroy` delete the zone with the records Terraform does not manage.
   * @default false (destroy fails while foreign records remain)
   */
  readonly forceDestroy?: boolean;
  /**
   * Refuse `terraform destroy` of the zone (a new zone gets new name servers, so the delegation breaks).
   * @default false
   */
  readonly preventDestroy?: boolean;
}

const RULES: Rule<HostedZoneProps>[] = [
  { rule: 'zoneName must be a lowercase DNS name such as example.com (no wildcard, no trailing dot)', check: (p) => (DOMAIN_NAME.test(p.zoneName) && !p.zoneName.startsWith('*.') ? undefined : p.zoneName) },
];

const LOOKUP_RULES: Rule<HostedZoneLookup>[] = [
  { rule: 'zoneName must be a lowercase DNS name such as example.com (no wildcard, no trailing dot)', check: (p) => (DOMAIN_NAME.test(p.zoneName) && !p.zoneName.startsWith('*.') ? undefined : p.zoneName) },
  { rule: 'hostedZoneId must be a Route 53 zone id such as Z0123456789ABC', check: (p) => (p.hostedZoneId === undefined || ZONE_ID.test(p.hostedZoneId) ? undefined : p.hostedZoneId) },
];

/**
 * A Route 53 public hosted zone created by this stack. Its `nameServers` must
 * be delegated to (NS records at the parent zone or the registrar) before
 * anything validated through it (ACM, SES) can succeed.
 *
 * ```ts
 * const zone = new HostedZone(this, 'Zone', { zoneName: 'example.com' });   // or
 * const zone = HostedZone.fromLookup(this, 'Zone', { zoneName: 'example.com' });
 * new Certificate(this, 'Cert', { domainName: 'api.example.com', hostedZone: zone });
 * ```
 */
export class HostedZone extends Construct implements IHostedZone {
  /** A zone known by id and name (no Terraform lookup). */
  static fromAttributes(attrs: HostedZoneAttributes): IHostedZone {
    return { hostedZoneId: attrs.hostedZoneId, zoneName: attrs.zoneName };
  }

  /** An existing public zone, read at plan time (`data "aws_route53_zone"`). */
  static fromLookup(scope: Construct, id: string, lookup: HostedZoneLookup): IHostedZone {
    const holder = new Construct(scope, id);
    validateProps(holder, lookup, LOOKUP_RULES);
    const data = new DataAwsRoute53Zone(holder, 'Lookup', lookup.hostedZoneId ? { zoneId: lookup.hostedZoneId, privateZone: false } : { name: lookup.zoneName, privateZone: false });
    return { hostedZoneId: data.zoneId, zoneName: lookup.zoneName };
  }

  /** The zone the configuration asks for: created here (`preventDestroy` for production), looked up, or none (`unmanaged`). */
  static fromConfig(scope: Construct, id: string, config: HostedZoneConfig, options: { preventDestroy?: boolean } = {}): IHostedZone | undefined {
    switch (config.mode) {
      case 'create':
        return new HostedZone(scope, id, { zoneName: config.name, forceDestroy: config.forceDestroy, preventDestroy: options.preventDestroy });
      case 'lookup':
        return HostedZone.fromLookup(scope, id, { zoneName: config.name, hostedZoneId: config.hostedZoneId });
      default:
        return undefined;
    }
  }

  public readonly resource: Route53Zone;
  public readonly hostedZoneId: string;
  public readonly zoneName: string;
  /** The four name servers to delegate the zone to. */
  public readonly nameServers: string[];

  constructor(scope: Construct, id: string, props: HostedZoneProps) {
    super(scope, id);
    requireProps(this, props, ['zoneName']);
    validateProps(this, props, RULES);
    this.zoneName = props.zoneName;
    this.resource = new Route53Zone(this, 'Resource', {
      name: props.zoneName,
      comment: props.comment ?? 'Managed by Terraform (cdktf)',
      forceDestroy: props.forceDestroy ?? false,
      tags: { Name: props.zoneName },
      lifecycle: props.preventDestroy ? { preventDestroy: true } : undefined,
    });
    this.hostedZoneId = this.resource.zoneId;
    this.nameServers = this.resource.nameServers;
    Policy.suppressCheckov(this, 'CKV2_AWS_38', 'DNSSEC signing needs a DS record at the parent zone or registrar; sign the zone once it is delegated (KMS ECC_NIST_P256 key in us-east-1)');
    Policy.suppressCheckov(this, 'CKV2_AWS_39', 'public query logs are optional for the reference architectures; they go to a us-east-1 log group with a Route 53 resource policy when wanted');
  }
}

/** One DNS record to publish, in the zone or by hand (see {@link DnsRecordSpec}). */
export interface DnsRecordSpec {
  /** Fully qualified name, e.g. `_dmarc.example.com`. */
  readonly name: string;
  readonly type: 'CNAME' | 'TXT' | 'MX' | 'A' | 'AAAA';
  readonly ttl: number;
  readonly values: string[];
}

const RECORD_RULES: Rule<{ zone: IHostedZone; record: DnsRecordSpec }>[] = [
  { rule: (p) => `record name must lie in the hosted zone ${p.zone.zoneName}`, check: (p) => (isInZone(p.record.name, p.zone.zoneName) ? undefined : p.record.name) },
];

/** Creates `record` in `zone` (a plain Route 53 record; TXT values are quoted by the provider). */
export function addRecord(scope: Construct, id: string, zone: IHostedZone, record: DnsRecordSpec): Route53Record {
  validateProps(scope, { zone, record }, RECORD_RULES);
  return new Route53Record(scope, id, { zoneId: zone.hostedZoneId, name: record.name, type: record.type, ttl: record.ttl, records: record.values });
}
