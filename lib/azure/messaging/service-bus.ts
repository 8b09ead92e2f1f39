import { RoleAssignment } from '@cdktf/provider-azurerm/lib/role-assignment';
import { ServicebusNamespace } from '@cdktf/provider-azurerm/lib/servicebus-namespace';
import { ServicebusQueue } from '@cdktf/provider-azurerm/lib/servicebus-queue';
import { ServicebusSubscription } from '@cdktf/provider-azurerm/lib/servicebus-subscription';
import { ServicebusTopic } from '@cdktf/provider-azurerm/lib/servicebus-topic';
import { Construct } from 'constructs';
import { Rule, validateProps, firstDuplicate, requireProps } from '../../core/validation';
import { grantRole } from '../core/grants';
import {
  AppliedAvmInterfaces,
  applyAvmInterfaces,
  AvmCommonProps,
  DiagnosticSettingsProps,
  identityBlock,
  ManagedIdentitiesProps,
  PrincipalType,
  PrivateEndpointsProps,
  specList,
} from '../core/interfaces';
import { AzureResourceProps, resolvePlacement } from '../core/placement';
import { MetricAggregation } from '../observability/alerts';
import { dimension, Metric } from '../observability/metric';

export type ServiceBusSku = 'Basic' | 'Standard' | 'Premium';

/** Data-plane roles of Service Bus. */
export const SERVICE_BUS_ROLES = {
  sender: 'Azure Service Bus Data Sender',
  receiver: 'Azure Service Bus Data Receiver',
  owner: 'Azure Service Bus Data Owner',
} as const;

/** Settings shared by queues and subscriptions (both hand messages to receivers). */
export interface ServiceBusReceiveOptions {
  /**
   * Deliveries before a message moves to the dead-letter queue.
   * @default 10
   */
  readonly maxDeliveryCount?: number;
  /**
   * Expired messages go to the dead-letter queue instead of being dropped.
   * @default true
   */
  readonly deadLetterOnExpiration?: boolean;
  /**
   * Message time to live (ISO 8601 duration).
   * @default 'P14D'
   */
  readonly defaultMessageTtl?: string;
  /**
   * Peek-lock duration (ISO 8601, at most 5 minutes).
   * @default 'PT1M'
   */
  readonly lockDuration?: string;
  /**
   * Sessions (FIFO per session id). Not available on Basic.
   * @default false
   */
  readonly requiresSession?: boolean;
}

/** A queue. */
export interface ServiceBusQueueSpec extends ServiceBusReceiveOptions {
  /** Queue name, e.g. `orders-queue`. */
  readonly name: string;
}

/** A topic. */
export interface ServiceBusTopicSpec {
  /** Topic name, e.g. `events-topic`. */
  readonly name: string;
  /**
   * Message time to live (ISO 8601 duration).
   * @default 'P14D'
   */
  readonly defaultMessageTtl?: string;
}

/** A subscription on one of the namespace's topics. */
export interface ServiceBusSubscriptionSpec extends ServiceBusReceiveOptions {
  /** Subscription name. */
  readonly name: string;
  /** Name of the topic (declared in `topics`). */
  readonly topic: string;
}

export interface ServiceBusNamespaceProps extends AzureResourceProps, AvmCommonProps, DiagnosticSettingsProps, PrivateEndpointsProps, Omit<ManagedIdentitiesProps, 'managedIdentities'> {
  /**
   * Managed identities of the namespace.
   * @default a system-assigned identity
   */
  readonly managedIdentities?: ManagedIdentitiesProps['managedIdentities'];
  /**
   * Tier. Basic has queues only; Standard adds topics; Premium adds private endpoints, isolation and capacity units.
   * @default 'Standard'
   */
  readonly sku?: ServiceBusSku;
  /**
   * Messaging units, Premium only: 1, 2, 4, 8 or 16.
   * @default 1 on Premium
   */
  readonly capacity?: number;
  /**
   * Queues.
   * @default none
   */
  readonly queues?: ServiceBusQueueSpec[];
  /**
   * Topics (not on Basic).
   * @default none
   */
  readonly topics?: ServiceBusTopicSpec[];
  /**
   * Subscriptions, each on a declared topic.
   * @default none
   */
  readonly subscriptions?: ServiceBusSubscriptionSpec[];
  /**
   * Shared access signature (SAS) keys. Off: Entra ID (RBAC) only.
   * @default false
   */
  readonly localAuth?: boolean;
  /**
   * Public endpoint.
   * @default false when private endpoints are given, true otherwise
   */
  readonly publicNetworkAccess?: boolean;
}

const skuOf = (p: ServiceBusNamespaceProps): ServiceBusSku => p.sku ?? 'Standard';
const ISO_DURATION = /^P(?!$)(\d+Y)?(\d+M)?(\d+W)?(\d+D)?(T(?=\d)(\d+H)?(\d+M)?(\d+(\.\d+)?S)?)?$/;
const ENTITY_NAME = /^[A-Za-z0-9]([A-Za-z0-9._-]{0,258}[A-Za-z0-9_])?$/;
const receivers = (p: ServiceBusNamespaceProps): ServiceBusReceiveOptions[] => [...(p.queues ?? []), ...(p.subscriptions ?? [])];

const RULES: Rule<ServiceBusNamespaceProps>[] = [
  { rule: 'sku must be Basic, Standard or Premium', check: (p) => (!['Basic', 'Standard', 'Premium'].includes(skuOf(p)) ? p.sku : undefined) },
  {
    rule: 'the Basic tier has no topics: use Standard or Premium',
    check: (p) => (skuOf(p) === 'Basic' && ((p.topics ?? []).length > 0 || (p.subscriptions ?? []).length > 0) ? (p.topics ?? []).map((t) => t.name) : undefined),
  },
  {
    rule: 'private endpoints need the Premium tier',
    check: (p) => (skuOf(p) !== 'Premium' && specList(p.privateEndpoints).length > 0 ? skuOf(p) : undefined),
  },
  {
    rule: 'capacity (messaging units) must be 1, 2, 4, 8 or 16 and needs the Premium tier',
    check: (p) => (p.capacity !== undefined && (skuOf(p) !== 'Premium' || ![1, 2, 4, 8, 16].includes(p.capacity)) ? p.capacity : undefined),
  },
  {
    rule: (p) => `subscriptions must be on a declared topic (topics: ${(p.topics ?? []).map((t) => t.name).join(', ') || 'none'})`,
    check: (p) => (p.subscriptions ?? []).find((s) => !(p.topics ?? []).some((t) => t.name === s.topic))?.topic,
  },
  {
    rule: 'queue and topic names must be unique in a namespace',
    check: (p) => firstDuplicate([...(p.queues ?? []), ...(p.topics ?? [])].map((e) => e.name)),
  },
  {
    rule: 'subscription names must be unique per topic',
    check: (p) => firstDuplicate((p.subscriptions ?? []).map((s) => `${s.topic}/${s.name}`)),
  },
  {
    rule: 'queue, topic and subscription names must be 1-260 letters, digits, periods, hyphens and underscores, starting with a letter or digit',
    check: (p) => [...(p.queues ?? []), ...(p.topics ?? []), ...(p.subscriptions ?? [])].map((e) => e.name).find((n) => !ENTITY_NAME.test(n)),
  },
  { rule: 'maxDeliveryCount must be an integer of at least 1', check: (p) => receivers(p).map((r) => r.maxDeliveryCount).find((n) => n !== undefined && !(Number.isInteger(n) && n >= 1)) },
  {
    rule: 'defaultMessageTtl and lockDuration must be ISO 8601 durations (P14D, PT1M)',
    check: (p) => [...receivers(p).flatMap((r) => [r.defaultMessageTtl, r.lockDuration]), ...(p.topics ?? []).map((t) => t.defaultMessageTtl)].find((d) => d !== undefined && !ISO_DURATION.test(d)),
  },
  { rule: 'sessions need the Standard or Premium tier', check: (p) => (skuOf(p) === 'Basic' ? (p.queues ?? []).find((q) => q.requiresSession)?.name : undefined) },
];

/**
 * A Service Bus namespace (Standard by default) with queues, topics and
 * subscriptions that dead-letter on expiration and after `maxDeliveryCount`
 * deliveries, TLS 1.2, SAS keys off (Entra ID only), public access off with
 * private endpoints (Premium). Validated: Basic has no topics, private
 * endpoints and capacity units need Premium, a subscription's topic must
 * exist. `grantSend` / `grantReceive` assign the data roles on the namespace
 * (or on one queue / topic).
 */
export class ServiceBusNamespace extends Construct {
  public readonly resource: ServicebusNamespace;
  public readonly id: string;
  /** Namespace name (what a KEDA `azure-servicebus` rule takes). */
  public readonly name: string;
  /** `https://<name>.servicebus.windows.net:443/`. */
  public readonly endpoint: string;
  /** `<name>.servicebus.windows.net`: the value of `<Connection>__fullyQualifiedNamespace` for identity-based Functions triggers. */
  public readonly fullyQualifiedNamespace: string;
  public readonly sku: ServiceBusSku;
  public readonly queues: Record<string, ServicebusQueue> = {};
  public readonly topics: Record<string, ServicebusTopic> = {};
  public readonly subscriptions: Record<string, ServicebusSubscription> = {};
  /** Names of the declared queues (a container app's Service Bus scale rule checks its queue against them). */
  public readonly queueNames: readonly string[];
  public readonly topicNames: readonly string[];
  public readonly interfaces: AppliedAvmInterfaces;

  constructor(scope: Construct, id: string, props: ServiceBusNamespaceProps = {}) {
    super(scope, id);
    requireProps(this, props, []);
    validateProps(this, props, RULES);
    const { name, location, resourceGroupName } = resolvePlacement(this, 'serviceBusNamespace', props, 'Microsoft.ServiceBus');
    this.sku = skuOf(props);
    const privateOnly = specList(props.privateEndpoints).length > 0;
    this.resource = new ServicebusNamespace(this, 'Resource', {
      name,
      location,
      resourceGroupName,
      sku: this.sku,
      capacity: this.sku === 'Premium' ? (props.capacity ?? 1) : undefined,
      premiumMessagingPartitions: this.sku === 'Premium' ? 1 : undefined,
      localAuthEnabled: props.localAuth ?? false,
      minimumTlsVersion: '1.2',
      publicNetworkAccessEnabled: props.publicNetworkAccess ?? !privateOnly,
      // A system identity by default: what customer-managed keys and trusted-service access need.
      identity: identityBlock(props.managedIdentities ?? { systemAssigned: true }),
      tags: props.tags,
    });
    this.id = this.resource.id;
    this.name = this.resource.name;
    this.endpoint = this.resource.endpoint;
    this.fullyQualifiedNamespace = `${name}.servicebus.windows.net`;

    for (const q of props.queues ?? []) {
      this.queues[q.name] = new ServicebusQueue(this, `Queue-${q.name}`, {
        name: q.name,
        namespaceId: this.id,
        ...receiveSettings(q),
        // Partitioning is fixed at creation; Premium partitions at the namespace level instead.
        partitioningEnabled: false,
      });
    }
    for (const t of props.topics ?? []) {
      this.topics[t.name] = new ServicebusTopic(this, `Topic-${t.name}`, { name: t.name, namespaceId: this.id, defaultMessageTtl: t.defaultMessageTtl ?? 'P14D', partitioningEnabled: false });
    }
    for (const s of props.subscriptions ?? []) {
      this.subscriptions[`${s.topic}/${s.name}`] = new ServicebusSubscription(this, `Subscription-${s.topic}-${s.name}`, {
        name: s.name,
        topicId: this.topics[s.topic].id,
        ...receiveSettings(s),
        maxDeliveryCount: s.maxDeliveryCount ?? 10,
        deadLetteringOnFilterEvaluationError: true,
      });
    }
    this.queueNames = (props.queues ?? []).map((q) => q.name);
    this.topicNames = (props.topics ?? []).map((t) => t.name);

    this.interfaces = applyAvmInterfaces(this, { resourceId: this.id, resourceName: name, location, resourceGroupName, defaultPrivateEndpointSubresource: 'namespace' }, props);
  }

  /** Azure Service Bus Data Sender for `principalId`, on the namespace or on one queue / topic (`entity`). */
  grantSend(principalId: string, entity?: string, principalType: PrincipalType = 'ServicePrincipal'): RoleAssignment {
    return grantRole(this, this.scopeOf(entity), SERVICE_BUS_ROLES.sender, principalId, principalType);
  }

  /** Azure Service Bus Data Receiver for `principalId`, on the namespace or on one queue / topic (`entity`). */
  grantReceive(principalId: string, entity?: string, principalType: PrincipalType = 'ServicePrincipal'): RoleAssignment {
    return grantRole(this, this.scopeOf(entity), SERVICE_BUS_ROLES.receiver, principalId, principalType);
  }

  /**
   * Azure Service Bus Data Owner for `principalId` on one queue or topic (`entity`), or the namespace: what a KEDA
   * `azure-servicebus` scaler authenticating with an identity needs to read queue runtime properties.
   */
  grantManage(principalId: string, entity?: string, principalType: PrincipalType = 'ServicePrincipal'): RoleAssignment {
    return grantRole(this, this.scopeOf(entity), SERVICE_BUS_ROLES.owner, principalId, principalType);
  }

  /** Active messages (`ActiveMessages`, average), of one queue or topic (`entity`) or `'*'` split by entity. */
  metricActiveMessages(entity?: string): Metric {
    return this.metric('ActiveMessages', 'Average', entity);
  }

  /** Dead-lettered messages (`DeadletteredMessages`, maximum), of one queue or topic (`entity`) or `'*'` split by entity. */
  metricDeadLetteredMessages(entity?: string): Metric {
    return this.metric('DeadletteredMessages', 'Maximum', entity);
  }

  private metric(metricName: string, aggregation: MetricAggregation, entity: string | undefined): Metric {
    if (entity !== undefined && entity !== '*') this.scopeOf(entity);
    return new Metric({ resourceId: this.id, namespace: 'Microsoft.ServiceBus/namespaces', metricName, aggregation, dimensions: entity ? [dimension('EntityName', entity)] : undefined });
  }

  private scopeOf(entity: string | undefined): string {
    if (entity === undefined) return this.id;
    const target = this.queues[entity] ?? this.topics[entity];
    if (!target) throw new Error(`${this.node.path}: no queue or topic named ${entity} (queues: ${this.queueNames.join(', ')}; topics: ${this.topicNames.join(', ')})`);
    return target.id;
  }
}

function receiveSettings(r: ServiceBusReceiveOptions) {
  return {
    maxDeliveryCount: r.maxDeliveryCount ?? 10,
    deadLetteringOnMessageExpiration: r.deadLetterOnExpiration ?? true,
    defaultMessageTtl: r.defaultMessageTtl ?? 'P14D',
    lockDuration: r.lockDuration ?? 'PT1M',
    requiresSession: r.requiresSession ?? false,
  };
}
