import { RoleAssignment } from '@cdktf/provider-azurerm/lib/role-assignment';
import { ServicebusNamespace } from '@cdktf/provider-azurerm/lib/servicebus-namespace';
import { ServicebusQueue } from '@cdktf/provider-azurerm/lib/servicebus-queue';
import { ServicebusSubscription } from '@cdktf/provider-azurerm/lib/servicebus-subscription';
import { ServicebusTopic } from '@cdktf/provider-azurerm/lib/servicebus-topic';
import { PrivateEndpoint } from '@cdktf/provider-azurerm/lib/private-endpoint';
import { Testing } from 'cdktf';
import { ServiceBusNamespace, ServiceBusNamespaceProps } from '../../lib/azure/messaging';
import { AzureStack } from '../../lib/azure/azure-stack';
import { expectValidationError } from '../helpers';

const newStack = () => new AzureStack(Testing.app(), 'test', { architecture: 'serverless-platform', environment: 'dev', location: 'westus2', backend: { type: 'local' } });
const build = (props: ServiceBusNamespaceProps = {}) => {
  const stack = newStack();
  const sb = new ServiceBusNamespace(stack, 'Bus', props);
  return { stack, sb, out: Testing.synth(stack) };
};
const PE = [{ subnetResourceId: 'snet', privateDnsZoneResourceIds: ['zone'] }];

describe('ServiceBusNamespace', () => {
  test('Standard, TLS 1.2, SAS off, public endpoint on without private endpoints, no capacity', () => {
    const { out, sb } = build();
    expect(out).toHaveResourceWithProperties(ServicebusNamespace, {
      name: expect.stringMatching(/^sbns-serverless-platform-dev-wus2-[0-9a-f]{6}$/),
      sku: 'Standard',
      local_auth_enabled: false,
      minimum_tls_version: '1.2',
      public_network_access_enabled: true,
    });
    expect((Object.values(JSON.parse(out).resource.azurerm_servicebus_namespace)[0] as { capacity?: number }).capacity).toBeUndefined();
    expect(sb.sku).toBe('Standard');
  });

  test('queues dead-letter on expiration after 10 deliveries; subscriptions too; names exposed for KEDA', () => {
    const { out, sb } = build({
      queues: [{ name: 'orders-queue' }, { name: 'etl-queue', maxDeliveryCount: 3 }],
      topics: [{ name: 'events-topic' }],
      subscriptions: [{ name: 'audit', topic: 'events-topic' }],
    });
    expect(out).toHaveResourceWithProperties(ServicebusQueue, { name: 'orders-queue', max_delivery_count: 10, dead_lettering_on_message_expiration: true, default_message_ttl: 'P14D', lock_duration: 'PT1M' });
    expect(out).toHaveResourceWithProperties(ServicebusQueue, { name: 'etl-queue', max_delivery_count: 3 });
    expect(out).toHaveResourceWithProperties(ServicebusTopic, { name: 'events-topic' });
    expect(out).toHaveResourceWithProperties(ServicebusSubscription, { name: 'audit', max_delivery_count: 10, dead_lettering_on_message_expiration: true, dead_lettering_on_filter_evaluation_error: true });
    expect(sb.queueNames).toEqual(['orders-queue', 'etl-queue']);
    expect(Object.keys(sb.subscriptions)).toEqual(['events-topic/audit']);
  });

  test('Premium with capacity and a private endpoint: public access off, subresource namespace', () => {
    const { out } = build({ sku: 'Premium', capacity: 2, privateEndpoints: PE });
    expect(out).toHaveResourceWithProperties(ServicebusNamespace, { sku: 'Premium', capacity: 2, public_network_access_enabled: false });
    expect(out).toHaveResourceWithProperties(PrivateEndpoint, { private_service_connection: expect.objectContaining({ subresource_names: ['namespace'] }) });
  });

  test('grantSend / grantReceive assign the data roles, once per principal, on the namespace or an entity', () => {
    const stack = newStack();
    const sb = new ServiceBusNamespace(stack, 'Bus', { queues: [{ name: 'orders-queue' }] });
    sb.grantSend('p1');
    sb.grantSend('p1');
    sb.grantReceive('p2', 'orders-queue');
    const out = Testing.synth(stack);
    const roles = Object.values(JSON.parse(out).resource.azurerm_role_assignment) as { role_definition_name: string; scope: string }[];
    expect(roles).toHaveLength(2);
    expect(out).toHaveResourceWithProperties(RoleAssignment, { role_definition_name: 'Azure Service Bus Data Sender', principal_id: 'p1', scope: expect.stringContaining('azurerm_servicebus_namespace') });
    expect(out).toHaveResourceWithProperties(RoleAssignment, { role_definition_name: 'Azure Service Bus Data Receiver', principal_id: 'p2', scope: expect.stringContaining('azurerm_servicebus_queue') });
    expect(() => sb.grantSend('p3', 'nope')).toThrow('no queue or topic named nope');
  });

  describe('validation', () => {
    const bad = (props: ServiceBusNamespaceProps, message: string) => expectValidationError(() => new ServiceBusNamespace(newStack(), 'Bus', props), message);
    test('Basic + topics', () => bad({ sku: 'Basic', topics: [{ name: 't' }] }, 'test/Bus: the Basic tier has no topics: use Standard or Premium (got ["t"])'));
    test('private endpoint on a non-Premium tier', () => bad({ sku: 'Standard', privateEndpoints: PE }, 'test/Bus: private endpoints need the Premium tier (got "Standard")'));
    test('capacity outside Premium', () => bad({ capacity: 2 }, 'capacity (messaging units) must be 1, 2, 4, 8 or 16 and needs the Premium tier (got 2)'));
    test('subscription on an unknown topic', () => bad({ topics: [{ name: 'a' }], subscriptions: [{ name: 's', topic: 'b' }] }, 'subscriptions must be on a declared topic (topics: a) (got "b")'));
    test('duplicate entity names', () => bad({ queues: [{ name: 'x' }], topics: [{ name: 'x' }] }, 'queue and topic names must be unique in a namespace (got "x")'));
    test('duplicate subscription', () => bad({ topics: [{ name: 'a' }], subscriptions: [{ name: 's', topic: 'a' }, { name: 's', topic: 'a' }] }, 'subscription names must be unique per topic (got "a/s")'));
    test('bad entity name', () => bad({ queues: [{ name: '-x' }] }, 'queue, topic and subscription names must be 1-260 letters'));
    test('maxDeliveryCount', () => bad({ queues: [{ name: 'q', maxDeliveryCount: 0 }] }, 'maxDeliveryCount must be an integer of at least 1 (got 0)'));
    test('durations', () => bad({ queues: [{ name: 'q', lockDuration: '1 minute' }] }, 'defaultMessageTtl and lockDuration must be ISO 8601 durations (P14D, PT1M) (got "1 minute")'));
    test('sessions on Basic', () => bad({ sku: 'Basic', queues: [{ name: 'q', requiresSession: true }] }, 'sessions need the Standard or Premium tier (got "q")'));
    test('sku', () => bad({ sku: 'Gold' as never }, 'sku must be Basic, Standard or Premium (got "Gold")'));
  });
});
