import { SesTemplate } from '@cdktf/provider-aws/lib/ses-template';
import { Sesv2ConfigurationSet } from '@cdktf/provider-aws/lib/sesv2-configuration-set';
import { Sesv2ConfigurationSetEventDestination } from '@cdktf/provider-aws/lib/sesv2-configuration-set-event-destination';
import { Sesv2EmailIdentity } from '@cdktf/provider-aws/lib/sesv2-email-identity';
import { Sesv2EmailIdentityMailFromAttributes } from '@cdktf/provider-aws/lib/sesv2-email-identity-mail-from-attributes';
import { Fn } from 'cdktf';
import { Construct } from 'constructs';
import { AwsStack } from '../aws-stack';
import { Rule, validateProps } from '../../core/validation';
import { AlarmTopic, MetricAlarm } from '../monitoring/alarms';
import { addRecord, DnsRecordSpec, IHostedZone } from '../dns/hosted-zone';
import { DOMAIN_NAME } from '../security/certificate';
import { IGrantable } from '../security/role';
import { requireProps } from '../../core/validation';
import { Grant } from '../security/grant';

/** One SES template; `{{name}}` placeholders are filled from the send call's template data. */
export interface EmailTemplate {
  /** Template name, 1-64 letters, digits, hyphens and underscores. */
  readonly name: string;
  /** Subject line (may use placeholders). */
  readonly subject: string;
  /** HTML body. */
  readonly html: string;
  /** Plain-text body for clients that do not render HTML. */
  readonly text: string;
}

/** SES events the configuration set records. */
export const EMAIL_EVENTS = ['SEND', 'DELIVERY', 'BOUNCE', 'COMPLAINT', 'REJECT', 'RENDERING_FAILURE', 'DELIVERY_DELAY'] as const;

export interface EmailDomainProps {
  /** Domain the mail is sent from, e.g. `canalco.example.com`. */
  readonly domain: string;
  /** Configuration set every send goes through (1-64 letters, digits, hyphens and underscores). */
  readonly configurationSetName: string;
  /**
   * Subdomain of `domain` used as MAIL FROM (bounces and SPF alignment).
   * @default 'mail'
   */
  readonly mailFromSubdomain?: string;
  /**
   * Route 53 hosted zone of `domain` (the zone of `domain` or of a parent): the three Easy DKIM CNAMEs,
   * the MAIL FROM MX and SPF records and a DMARC record are created there.
   * @default no records: publish `dnsRecords` yourself (output them); SES does not verify the domain until then
   */
  readonly hostedZone?: IHostedZone;
  /**
   * DMARC policy published with the records.
   * @default 'quarantine'
   */
  readonly dmarcPolicy?: 'none' | 'quarantine' | 'reject';
  /**
   * SNS topic that also receives bounces, complaints, rejects and rendering failures.
   * @default CloudWatch metrics only
   */
  readonly eventTopicArn?: string;
  /**
   * Templates to create.
   * @default none (add them with `addTemplate`)
   */
  readonly templates?: EmailTemplate[];
}

const LABEL = /^[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?$/;
const NAME = /^[A-Za-z0-9_-]{1,64}$/;

const RULES: Rule<EmailDomainProps>[] = [
  { rule: 'domain must be a lowercase DNS name such as example.com', check: (p) => (DOMAIN_NAME.test(p.domain) && !p.domain.startsWith('*.') ? undefined : p.domain) },
  { rule: 'configurationSetName must be 1-64 letters, digits, hyphens and underscores', check: (p) => (NAME.test(p.configurationSetName) ? undefined : p.configurationSetName) },
  { rule: 'mailFromSubdomain must be one DNS label', check: (p) => (p.mailFromSubdomain === undefined || LABEL.test(p.mailFromSubdomain) ? undefined : p.mailFromSubdomain) },
];

const TEMPLATE_RULES: Rule<EmailTemplate>[] = [
  { rule: 'template name must be 1-64 letters, digits, hyphens and underscores', check: (t) => (NAME.test(t.name) ? undefined : t.name) },
  { rule: 'a template needs a subject, an HTML and a text body', check: (t) => (t.subject.trim() && t.html.trim() && t.text.trim() ? undefined : t.name) },
  {
    rule: 'template placeholders must be balanced {{name}} pairs',
    check: (t) => [t.subject, t.html, t.text].find((s) => (s.match(/\{\{/g) ?? []).length !== (s.match(/\}\}/g) ?? []).length),
  },
];

/**
 * A verified SES sending domain: the identity with Easy DKIM (2048-bit keys),
 * a custom MAIL FROM subdomain for SPF alignment, a configuration set that
 * requires TLS to receiving servers, suppresses bounced and complaining
 * addresses and publishes every event to CloudWatch (and optionally SNS),
 * the templates, and, with a hosted zone, the DKIM, SPF, MX and DMARC records.
 */
export class EmailDomain extends Construct {
  public readonly identity: Sesv2EmailIdentity;
  public readonly configurationSet: Sesv2ConfigurationSet;
  public readonly domain: string;
  public readonly configurationSetName: string;
  public readonly identityArn: string;
  public readonly configurationSetArn: string;
  /** The three DKIM tokens (`<token>._domainkey.<domain>` CNAME `<token>.dkim.amazonses.com`). */
  public readonly dkimTokens: string[];
  /** MAIL FROM domain, e.g. `mail.example.com`. */
  public readonly mailFromDomain: string;
  /**
   * Every record the domain needs: three DKIM CNAMEs (they also verify the identity: an SES v2
   * domain identity with Easy DKIM needs no `_amazonses` TXT), the MAIL FROM MX and SPF TXT, and DMARC.
   * Created in `hostedZone` when given, otherwise for the stack to output.
   */
  public readonly dnsRecords: DnsRecordSpec[];
  public readonly templates: SesTemplate[] = [];

  constructor(scope: Construct, id: string, props: EmailDomainProps) {
    super(scope, id);
    requireProps(this, props, ['domain', 'configurationSetName']);
    validateProps(this, props, RULES);
    this.domain = props.domain;
    const stack = AwsStack.of(this);

    this.configurationSet = new Sesv2ConfigurationSet(this, 'ConfigurationSet', {
      configurationSetName: props.configurationSetName,
      deliveryOptions: { tlsPolicy: 'REQUIRE' },
      reputationOptions: { reputationMetricsEnabled: true },
      sendingOptions: { sendingEnabled: true },
      suppressionOptions: { suppressedReasons: ['BOUNCE', 'COMPLAINT'] },
    });
    this.configurationSetName = this.configurationSet.configurationSetName;
    this.configurationSetArn = this.configurationSet.arn;

    new Sesv2ConfigurationSetEventDestination(this, 'CloudWatchEvents', {
      configurationSetName: this.configurationSetName,
      eventDestinationName: 'cloudwatch',
      eventDestination: {
        enabled: true,
        matchingEventTypes: [...EMAIL_EVENTS],
        cloudWatchDestination: {
          dimensionConfiguration: [{ dimensionName: 'ses:configuration-set', dimensionValueSource: 'MESSAGE_TAG', defaultDimensionValue: props.configurationSetName }],
        },
      },
    });
    if (props.eventTopicArn) {
      new Sesv2ConfigurationSetEventDestination(this, 'SnsEvents', {
        configurationSetName: this.configurationSetName,
        eventDestinationName: 'sns',
        eventDestination: { enabled: true, matchingEventTypes: ['BOUNCE', 'COMPLAINT', 'REJECT', 'RENDERING_FAILURE'], snsDestination: { topicArn: props.eventTopicArn } },
      });
    }

    this.identity = new Sesv2EmailIdentity(this, 'Identity', {
      emailIdentity: props.domain,
      configurationSetName: this.configurationSetName,
      dkimSigningAttributes: { nextSigningKeyLength: 'RSA_2048_BIT' },
    });
    this.identityArn = `arn:aws:ses:${stack.region}:${stack.accountId}:identity/${props.domain}`;
    this.dkimTokens = [0, 1, 2].map((i) => Fn.element(this.identity.dkimSigningAttributes.tokens, i));

    const mailFrom = `${props.mailFromSubdomain ?? 'mail'}.${props.domain}`;
    this.mailFromDomain = mailFrom;
    new Sesv2EmailIdentityMailFromAttributes(this, 'MailFrom', {
      emailIdentity: this.identity.emailIdentity,
      mailFromDomain: mailFrom,
      behaviorOnMxFailure: 'USE_DEFAULT_VALUE',
    });

    this.dnsRecords = [
      ...this.dkimTokens.map((token) => ({ name: `${token}._domainkey.${props.domain}`, type: 'CNAME' as const, ttl: 1800, values: [`${token}.dkim.amazonses.com`] })),
      { name: mailFrom, type: 'MX', ttl: 1800, values: [`10 feedback-smtp.${stack.region}.amazonses.com`] },
      { name: mailFrom, type: 'TXT', ttl: 1800, values: ['v=spf1 include:amazonses.com ~all'] },
      { name: `_dmarc.${props.domain}`, type: 'TXT', ttl: 1800, values: [`v=DMARC1; p=${props.dmarcPolicy ?? 'quarantine'}; adkim=s; aspf=r`] },
    ];
    if (props.hostedZone) {
      const zone = props.hostedZone;
      const ids = ['Dkim1', 'Dkim2', 'Dkim3', 'MailFromMx', 'MailFromSpf', 'Dmarc'];
      this.dnsRecords.forEach((r, i) => addRecord(this, ids[i], zone, r));
    }

    (props.templates ?? []).forEach((t) => this.addTemplate(t));
  }

  /** Adds an SES template. */
  addTemplate(template: EmailTemplate): SesTemplate {
    validateProps(this, template, TEMPLATE_RULES);
    const t = new SesTemplate(this, `Template-${template.name}`, { name: template.name, subject: template.subject, html: template.html, text: template.text });
    this.templates.push(t);
    return t;
  }

  /**
   * Send mail from this domain through its configuration set, with the templates of this account and Region.
   * The `ses:FromAddress` condition keeps the grantee on this domain.
   */
  grantSendEmail(grantee: IGrantable): Grant {
    const stack = AwsStack.of(this);
    return Grant.addToPrincipal(grantee, {
      actions: ['ses:SendEmail', 'ses:SendTemplatedEmail', 'ses:SendBulkTemplatedEmail'],
      resources: [this.identityArn, this.configurationSetArn, `arn:aws:ses:${stack.region}:${stack.accountId}:template/*`],
      conditions: { StringLike: { 'ses:FromAddress': `*@${this.domain}` } },
    });
  }

  /** A CloudWatch metric of this configuration set: `Send`, `Delivery`, `Bounce`, `Complaint`, `Reject`, ... */
  metric(metricName: string): { namespace: string; metricName: string; dimensions: Record<string, string> } {
    return { namespace: 'AWS/SES', metricName, dimensions: { 'ses:configuration-set': this.configurationSetName } };
  }

  /** Alarms when the account's bounce rate (SES reviews accounts above 5%, pauses them above 10%) exceeds `threshold`. */
  alarmOnBounceRate(id: string, props: { name: string; topics: AlarmTopic[]; threshold?: number }): MetricAlarm {
    return new MetricAlarm(this, id, {
      name: props.name,
      namespace: 'AWS/SES',
      metricName: 'Reputation.BounceRate',
      dimensions: {},
      statistic: 'Maximum',
      threshold: props.threshold ?? 0.05,
      periodSeconds: 3600,
      evaluationPeriods: 1,
      description: 'SES bounce rate above the threshold: check recipient lists before SES pauses sending',
      topics: props.topics,
    });
  }
}
