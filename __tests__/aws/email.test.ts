import { CloudwatchMetricAlarm } from '@cdktf/provider-aws/lib/cloudwatch-metric-alarm';
import { Route53Record } from '@cdktf/provider-aws/lib/route53-record';
import { SesTemplate } from '@cdktf/provider-aws/lib/ses-template';
import { Sesv2ConfigurationSet } from '@cdktf/provider-aws/lib/sesv2-configuration-set';
import { Sesv2ConfigurationSetEventDestination } from '@cdktf/provider-aws/lib/sesv2-configuration-set-event-destination';
import { Sesv2EmailIdentity } from '@cdktf/provider-aws/lib/sesv2-email-identity';
import { Sesv2EmailIdentityMailFromAttributes } from '@cdktf/provider-aws/lib/sesv2-email-identity-mail-from-attributes';
import { Testing } from 'cdktf';
import { HostedZone } from '../../lib/aws/dns';
import { EMAIL_EVENTS, EmailDomain, EmailDomainProps, EmailTemplate } from '../../lib/aws/email';
import { AlarmTopic } from '../../lib/aws/monitoring';
import { ServiceRole } from '../../lib/aws/security';
import { AwsStack } from '../../lib/aws/aws-stack';
import { expectValidationError } from '../helpers';

const newStack = () => new AwsStack(Testing.app(), 'test', { architecture: 't', environment: 'dev', region: 'us-east-1', backend: { type: 'local' } });
const template: EmailTemplate = { name: 'orden-confirmada', subject: 'Orden {{numero}}', html: '<p>{{numero}}</p>', text: 'Orden {{numero}}' };
const base: EmailDomainProps = { domain: 'canalco.example.com', configurationSetName: 'canalco-dev', templates: [template] };

describe('EmailDomain', () => {
  test('domain identity with Easy DKIM, MAIL FROM, a TLS-only configuration set with bounce suppression and CloudWatch events, templates', () => {
    const stack = newStack();
    new EmailDomain(stack, 'Email', base);
    const out = Testing.synth(stack);
    expect(out).toHaveResourceWithProperties(Sesv2EmailIdentity, {
      email_identity: 'canalco.example.com',
      dkim_signing_attributes: { next_signing_key_length: 'RSA_2048_BIT' },
      configuration_set_name: expect.stringMatching(/aws_sesv2_configuration_set\.Email_ConfigurationSet_[0-9A-F]+\.configuration_set_name/),
    });
    expect(out).toHaveResourceWithProperties(Sesv2ConfigurationSet, {
      configuration_set_name: 'canalco-dev',
      delivery_options: { tls_policy: 'REQUIRE' },
      suppression_options: { suppressed_reasons: ['BOUNCE', 'COMPLAINT'] },
      reputation_options: { reputation_metrics_enabled: true },
    });
    expect(out).toHaveResourceWithProperties(Sesv2ConfigurationSetEventDestination, {
      event_destination_name: 'cloudwatch',
      event_destination: {
        enabled: true,
        matching_event_types: [...EMAIL_EVENTS],
        cloud_watch_destination: { dimension_configuration: [{ dimension_name: 'ses:configuration-set', dimension_value_source: 'MESSAGE_TAG', default_dimension_value: 'canalco-dev' }] },
      },
    });
    expect(out).toHaveResourceWithProperties(Sesv2EmailIdentityMailFromAttributes, { mail_from_domain: 'mail.canalco.example.com', behavior_on_mx_failure: 'USE_DEFAULT_VALUE' });
    expect(out).toHaveResourceWithProperties(SesTemplate, { name: 'orden-confirmada', subject: 'Orden {{numero}}', html: '<p>{{numero}}</p>', text: 'Orden {{numero}}' });
    expect(out).not.toHaveResource(Route53Record);
  });

  test('without a zone: dnsRecords lists what to publish (DKIM CNAMEs, MAIL FROM MX and SPF, DMARC)', () => {
    const email = new EmailDomain(newStack(), 'Email', base);
    expect(email.mailFromDomain).toBe('mail.canalco.example.com');
    expect(email.dnsRecords.map((r) => r.type)).toEqual(['CNAME', 'CNAME', 'CNAME', 'MX', 'TXT', 'TXT']);
    expect(email.dnsRecords.slice(3)).toEqual([
      { name: 'mail.canalco.example.com', type: 'MX', ttl: 1800, values: ['10 feedback-smtp.us-east-1.amazonses.com'] },
      { name: 'mail.canalco.example.com', type: 'TXT', ttl: 1800, values: ['v=spf1 include:amazonses.com ~all'] },
      { name: '_dmarc.canalco.example.com', type: 'TXT', ttl: 1800, values: ['v=DMARC1; p=quarantine; adkim=s; aspf=r'] },
    ]);
  });

  test('rejects a zone that does not hold the domain', () => {
    expectValidationError(
      () => new EmailDomain(newStack(), 'Email', { ...base, hostedZone: HostedZone.fromAttributes({ hostedZoneId: 'Z1', zoneName: 'other.com' }) }),
      'test/Email: record name must lie in the hosted zone other.com (got "mail.canalco.example.com")',
    );
  });

  test('with a hosted zone: the three DKIM CNAMEs, MAIL FROM MX and SPF, DMARC', () => {
    const stack = newStack();
    new EmailDomain(stack, 'Email', { ...base, hostedZone: HostedZone.fromAttributes({ hostedZoneId: 'Z123ABC', zoneName: 'example.com' }), dmarcPolicy: 'reject', eventTopicArn: 'arn:aws:sns:us-east-1:111122223333:ses' });
    const out = Testing.synth(stack);
    const records = Object.values(JSON.parse(out).resource.aws_route53_record) as { name: string; type: string; records: string[] }[];
    expect(records.map((r) => r.type).sort()).toEqual(['CNAME', 'CNAME', 'CNAME', 'MX', 'TXT', 'TXT']);
    const cnames = records.filter((r) => r.type === 'CNAME');
    cnames.forEach((r, i) => {
      expect(r.name).toMatch(new RegExp(`^\\$\\{element\\(aws_sesv2_email_identity\\.Email_Identity_[0-9A-F]+\\.dkim_signing_attributes\\[0\\]\\.tokens, ${i}\\)\\}\\._domainkey\\.canalco\\.example\\.com$`));
      expect(r.records[0]).toMatch(/\.dkim\.amazonses\.com$/);
    });
    expect(out).toHaveResourceWithProperties(Route53Record, { name: 'mail.canalco.example.com', type: 'MX', records: ['10 feedback-smtp.us-east-1.amazonses.com'] });
    expect(out).toHaveResourceWithProperties(Route53Record, { name: 'mail.canalco.example.com', type: 'TXT', records: ['v=spf1 include:amazonses.com ~all'] });
    expect(out).toHaveResourceWithProperties(Route53Record, { name: '_dmarc.canalco.example.com', type: 'TXT', records: ['v=DMARC1; p=reject; adkim=s; aspf=r'] });
    expect(out).toHaveResourceWithProperties(Sesv2ConfigurationSetEventDestination, {
      event_destination_name: 'sns',
      event_destination: { enabled: true, matching_event_types: ['BOUNCE', 'COMPLAINT', 'REJECT', 'RENDERING_FAILURE'], sns_destination: { topic_arn: 'arn:aws:sns:us-east-1:111122223333:ses' } },
    });
  });

  test('grantSendEmail: this identity, configuration set and templates, From limited to the domain', () => {
    const stack = newStack();
    const email = new EmailDomain(stack, 'Email', base);
    const role = new ServiceRole(stack, 'Role', { name: 'sender', assumedBy: ['lambda.amazonaws.com'] });
    const grant = email.grantSendEmail(role);
    expect(grant.principal).toBe(role);
    expect(grant.dependables).toEqual(role.dependables);
    const policy = JSON.parse((Object.values(JSON.parse(Testing.synth(stack)).resource.aws_iam_role_policy)[0] as { policy: string }).policy);
    const account = '${data.aws_caller_identity.caller-identity.account_id}';
    expect(policy.Statement).toEqual([
      {
        Effect: 'Allow',
        Action: ['ses:SendEmail', 'ses:SendTemplatedEmail', 'ses:SendBulkTemplatedEmail'],
        Resource: [
          `arn:aws:ses:us-east-1:${account}:identity/canalco.example.com`,
          expect.stringMatching(/^\$\{aws_sesv2_configuration_set\.Email_ConfigurationSet_[0-9A-F]+\.arn\}$/),
          `arn:aws:ses:us-east-1:${account}:template/*`,
        ],
        Condition: { StringLike: { 'ses:FromAddress': '*@canalco.example.com' } },
      },
    ]);
  });

  test('bounce-rate alarm on the account reputation metric', () => {
    const stack = newStack();
    const email = new EmailDomain(stack, 'Email', base);
    email.alarmOnBounceRate('Bounces', { name: 'ses-bounces', topics: [new AlarmTopic(stack, 'Alerts', { name: 'alerts' })] });
    expect(Testing.synth(stack)).toHaveResourceWithProperties(CloudwatchMetricAlarm, { alarm_name: 'ses-bounces', namespace: 'AWS/SES', metric_name: 'Reputation.BounceRate', threshold: 0.05, statistic: 'Maximum' });
    expect(email.metric('Delivery')).toEqual({ namespace: 'AWS/SES', metricName: 'Delivery', dimensions: { 'ses:configuration-set': email.configurationSetName } });
  });

  test.each([
    [{ domain: 'Canalco.com' }, 'test/E: domain must be a lowercase DNS name such as example.com (got "Canalco.com")'],
    [{ domain: '*.canalco.com' }, 'test/E: domain must be a lowercase DNS name such as example.com (got "*.canalco.com")'],
    [{ configurationSetName: 'canalco dev' }, 'test/E: configurationSetName must be 1-64 letters, digits, hyphens and underscores (got "canalco dev")'],
    [{ mailFromSubdomain: 'mail.out' }, 'test/E: mailFromSubdomain must be one DNS label (got "mail.out")'],
    [{ templates: [{ ...template, name: 'orden confirmada' }] }, 'test/E: template name must be 1-64 letters, digits, hyphens and underscores (got "orden confirmada")'],
    [{ templates: [{ ...template, text: ' ' }] }, 'test/E: a template needs a subject, an HTML and a text body (got "orden-confirmada")'],
    [{ templates: [{ ...template, subject: 'Orden {{numero}' }] }, 'test/E: template placeholders must be balanced {{name}} pairs (got "Orden {{numero}")'],
  ] as [Partial<EmailDomainProps>, string][])('rejects %j', (props, message) => {
    expectValidationError(() => new EmailDomain(newStack(), 'E', { ...base, ...props }), message);
  });
});
