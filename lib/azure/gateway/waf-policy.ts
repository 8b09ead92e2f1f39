import { WebApplicationFirewallPolicy } from '@cdktf/provider-azurerm/lib/web-application-firewall-policy';
import { Construct } from 'constructs';
import { Rule, validateProps, intInRange, requireProps } from '../../core/validation';
import { Policy } from '../../policy';
import { AppliedAvmInterfaces, applyAvmInterfaces, AvmCommonProps } from '../core/interfaces';
import { AzureResourceProps, resolvePlacement } from '../core/placement';

/** Managed rule sets an Application Gateway WAF policy accepts here. */
export const WAF_MANAGED_RULE_SETS = {
  /** OWASP Core Rule Set 3.2. */
  'OWASP-3.2': { type: 'OWASP', version: '3.2' },
  /** Microsoft Default Rule Set 2.1 (CRS 3.3.2 plus Microsoft Threat Intelligence rules); the recommended set. */
  'DRS-2.1': { type: 'Microsoft_DefaultRuleSet', version: '2.1' },
} as const;
export type WafManagedRuleSet = keyof typeof WAF_MANAGED_RULE_SETS;

/** A per-client-IP rate limit. */
export interface WafRateLimitSpec {
  /** Requests per client IP per window before the WAF blocks. */
  readonly requests: number;
  /**
   * Window.
   * @default 'OneMin'
   */
  readonly duration?: 'OneMin' | 'FiveMins';
  /**
   * Only count requests whose path starts with one of these (per-endpoint limits); empty counts every request.
   * @default every request
   */
  readonly pathPrefixes?: string[];
}

export interface WafPolicyProps extends AzureResourceProps, AvmCommonProps {
  /**
   * Managed rule set.
   * @default 'DRS-2.1'
   */
  readonly managedRuleSet?: WafManagedRuleSet;
  /**
   * Add the Microsoft bot manager rule set 1.1.
   * @default true
   */
  readonly botProtection?: boolean;
  /**
   * `Prevention` blocks matches; `Detection` only logs them.
   * @default 'Prevention'
   */
  readonly mode?: 'Prevention' | 'Detection';
  /**
   * Per-client-IP rate limits (custom rules, priorities from 10).
   * @default none
   */
  readonly rateLimits?: WafRateLimitSpec[];
  /**
   * Largest inspected request body, 8-2000 KB.
   * @default 128
   */
  readonly maxRequestBodySizeKb?: number;
  /**
   * Largest file upload, 1-4000 MB (WAF_v2).
   * @default 100
   */
  readonly fileUploadLimitMb?: number;
}

const between = (n: number | undefined, lo: number, hi: number) => n === undefined || intInRange(n, lo, hi);

const RULES: Rule<WafPolicyProps>[] = [
  {
    rule: `managedRuleSet must be one of ${Object.keys(WAF_MANAGED_RULE_SETS).join(', ')}`,
    check: (p) => (p.managedRuleSet !== undefined && !(p.managedRuleSet in WAF_MANAGED_RULE_SETS) ? p.managedRuleSet : undefined),
  },
  { rule: 'mode must be Prevention or Detection', check: (p) => (p.mode !== undefined && !['Prevention', 'Detection'].includes(p.mode) ? p.mode : undefined) },
  { rule: 'rate limits need an integer of at least 10 requests', check: (p) => (p.rateLimits ?? []).map((r) => r.requests).find((n) => !between(n, 10, 1e9)) },
  { rule: 'at most 10 rate limits', check: (p) => ((p.rateLimits ?? []).length > 10 ? (p.rateLimits ?? []).length : undefined) },
  { rule: 'rate limit pathPrefixes must start with /', check: (p) => (p.rateLimits ?? []).flatMap((r) => r.pathPrefixes ?? []).find((x) => !x.startsWith('/')) },
  { rule: 'maxRequestBodySizeKb must be an integer between 8 and 2000', check: (p) => (between(p.maxRequestBodySizeKb, 8, 2000) ? undefined : p.maxRequestBodySizeKb) },
  { rule: 'fileUploadLimitMb must be an integer between 1 and 4000', check: (p) => (between(p.fileUploadLimitMb, 1, 4000) ? undefined : p.fileUploadLimitMb) },
];

/**
 * An Application Gateway WAF policy: a managed rule set (Microsoft DRS 2.1 by
 * default, or OWASP CRS 3.2), the bot manager set, Prevention mode,
 * request-body inspection with enforcement, and per-client-IP rate limits as
 * custom rules (the seed's "Rate Limiting: límites por IP y por endpoint").
 */
export class WafPolicy extends Construct {
  public readonly resource: WebApplicationFirewallPolicy;
  public readonly id: string;
  public readonly name: string;
  public readonly mode: 'Prevention' | 'Detection';
  public readonly interfaces: AppliedAvmInterfaces;

  constructor(scope: Construct, id: string, props: WafPolicyProps = {}) {
    super(scope, id);
    requireProps(this, props, []);
    validateProps(this, props, RULES);
    const { name, location, resourceGroupName } = resolvePlacement(this, 'applicationGatewayWafPolicy', props, 'Microsoft.Network');
    this.mode = props.mode ?? 'Prevention';
    const set = WAF_MANAGED_RULE_SETS[props.managedRuleSet ?? 'DRS-2.1'];
    this.resource = new WebApplicationFirewallPolicy(this, 'Resource', {
      name,
      location,
      resourceGroupName,
      policySettings: {
        enabled: true,
        mode: this.mode,
        requestBodyCheck: true,
        requestBodyEnforcement: true,
        requestBodyInspectLimitInKb: props.maxRequestBodySizeKb ?? 128,
        maxRequestBodySizeInKb: props.maxRequestBodySizeKb ?? 128,
        fileUploadEnforcement: true,
        fileUploadLimitInMb: props.fileUploadLimitMb ?? 100,
      },
      managedRules: {
        managedRuleSet: [{ type: set.type, version: set.version }, ...((props.botProtection ?? true) ? [{ type: 'Microsoft_BotManagerRuleSet', version: '1.1' }] : [])],
      },
      customRules: (props.rateLimits ?? []).map((r, i) => ({
        name: `RateLimit${i + 1}`,
        priority: 10 + i,
        ruleType: 'RateLimitRule',
        action: 'Block',
        enabled: true,
        rateLimitDuration: r.duration ?? 'OneMin',
        rateLimitThreshold: r.requests,
        groupRateLimitBy: 'ClientAddr',
        matchConditions:
          (r.pathPrefixes ?? []).length > 0
            ? [{ matchVariables: [{ variableName: 'RequestUri' }], operator: 'BeginsWith', matchValues: r.pathPrefixes, transforms: ['Lowercase'] }]
            : // Every request: a client address that is not the broadcast address.
              [{ matchVariables: [{ variableName: 'RemoteAddr' }], operator: 'IPMatch', negationCondition: true, matchValues: ['255.255.255.255/32'] }],
      })),
      tags: props.tags,
    });
    this.id = this.resource.id;
    this.name = this.resource.name;
    this.interfaces = applyAvmInterfaces(this, { resourceId: this.id, resourceName: name, location, resourceGroupName }, props);
    // checkov's CKV_AZURE_135 (Log4j, CVE-2021-44228) recognizes only OWASP 3.1/3.2; Microsoft DRS 2.1 includes rule 944240.
    if (set.type === 'Microsoft_DefaultRuleSet') Policy.suppressCheckov(this, 'CKV_AZURE_135', `the WAF runs Microsoft DRS ${set.version}, which includes the Log4j rule 944240; checkov recognizes only OWASP 3.1/3.2`);
  }
}
