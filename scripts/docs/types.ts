/*
 * Per-resource-type table for the diagrams and environment diffs: what a type
 * is called, where it goes, what its SKU / size is, and whether it is plumbing
 * folded into a parent. Types missing here are still drawn (kind = the type
 * name, category `other`) so nothing disappears silently.
 */
import { get, Resource, Stack, str } from './model';

export type Category =
  | 'edge'
  | 'compute'
  | 'data'
  | 'storage'
  | 'messaging'
  | 'security'
  | 'observability'
  | 'network'
  | 'other';

export interface TypeInfo {
  kind: string;
  cat: Category;
  /** plumbing: not drawn, folded into its parent (counted on the parent's label) */
  hide?: boolean;
  /** attributes whose reference names the parent of a hidden resource (first match wins) */
  parent?: string[];
  /** only references to these types count as the parent */
  parentTypes?: string[];
  /** without a subnet of its own, drawn where the resource referenced by this attribute is drawn */
  placeWith?: string[];
  /** a hidden resource without a forward parent belongs to the resource referencing it through one of these attributes */
  referrerAttrs?: string[];
  /** drawn as a network group, not as a node */
  group?: 'vpc' | 'subnet';
  /** SKU / size / tier line */
  sku?: (a: Record<string, unknown>, r: Resource, s: Stack) => string | undefined;
  /** display name; default: name / tags.Name / identifier / bucket / function_name */
  label?: (a: Record<string, unknown>) => string | undefined;
  /** internet-facing entry point: the Internet node connects to it */
  entry?: (a: Record<string, unknown>) => boolean;
  /** hidden connector drawing an edge between the parents of two attributes */
  connect?: { from: string; to: string; label?: string };
  /** references from these attributes are drawn reversed (traffic flows into the referrer) */
  inbound?: string[];
  /** collapse same-type siblings of one group into a single `×N` node from this count (default 5) */
  collapseAt?: number;
  /** protects what references it (WAF): reference edges are drawn from it to the referrer */
  guard?: boolean;
}

const s = (v: unknown) => str(v);
const join = (...xs: Array<string | undefined | false>) => xs.filter(Boolean).join(' · ') || undefined;
const yes = (v: unknown) => v === true || v === 'true';

/** Anything hidden without a parent in this list is dropped from the picture (IAM, DNS zones, ...). */
export const TYPES: Record<string, TypeInfo> = {
  // ---------------- AWS: network ----------------
  aws_vpc: { kind: 'VPC', cat: 'network', group: 'vpc' },
  aws_subnet: { kind: 'Subnet', cat: 'network', group: 'subnet' },
  aws_internet_gateway: { kind: 'Internet gateway', cat: 'network' },
  aws_nat_gateway: { kind: 'NAT gateway', cat: 'network', collapseAt: 99 },
  aws_eip: { kind: 'Elastic IP', cat: 'network', hide: true },
  aws_route_table: { kind: 'Route table', cat: 'network', hide: true },
  aws_route: { kind: 'Route', cat: 'network', hide: true },
  aws_route_table_association: { kind: 'Route table association', cat: 'network', hide: true },
  aws_flow_log: { kind: 'VPC flow log', cat: 'observability', hide: true, parent: ['vpc_id'] },
  aws_default_security_group: { kind: 'Default SG', cat: 'network', hide: true },
  aws_security_group: { kind: 'Security group', cat: 'network', hide: true },
  aws_vpc_security_group_ingress_rule: { kind: 'SG ingress rule', cat: 'network', hide: true },
  aws_vpc_security_group_egress_rule: { kind: 'SG egress rule', cat: 'network', hide: true },
  aws_security_group_rule: { kind: 'SG rule', cat: 'network', hide: true },
  aws_vpc_endpoint: { kind: 'VPC endpoint', cat: 'network', sku: (a) => s(a.service_name), collapseAt: 3 },
  aws_route53_zone: { kind: 'Route 53 zone', cat: 'edge', label: (a) => s(a.name) },
  aws_route53_record: { kind: 'DNS record', cat: 'edge', hide: true, parent: ['zone_id'] },
  // ---------------- AWS: edge ----------------
  aws_lb: {
    kind: 'Application Load Balancer',
    cat: 'edge',
    sku: (a) => join(s(a.load_balancer_type), yes(a.internal) ? 'internal' : 'internet-facing'),
    entry: (a) => !yes(a.internal),
  },
  aws_lb_listener: { kind: 'Listener', cat: 'edge', hide: true, parent: ['load_balancer_arn'] },
  aws_lb_listener_rule: { kind: 'Listener rule', cat: 'edge', hide: true, parent: ['listener_arn'] },
  aws_lb_target_group: {
    kind: 'Target group',
    cat: 'edge',
    sku: (a) => join(s(a.protocol) && `${s(a.protocol)}:${s(a.port)}`, s(a.target_type)),
  },
  aws_lb_target_group_attachment: { kind: 'Target attachment', cat: 'edge', hide: true, connect: { from: 'target_group_arn', to: 'target_id' } },
  aws_cloudfront_distribution: {
    kind: 'CloudFront',
    cat: 'edge',
    label: (a) => s(a.comment) ?? 'distribution',
    sku: (a) => s(a.price_class),
    entry: () => true,
  },
  aws_cloudfront_function: { kind: 'CloudFront function', cat: 'edge', hide: true },
  aws_cloudfront_origin_access_control: { kind: 'Origin access control', cat: 'edge', hide: true },
  aws_cloudfront_response_headers_policy: { kind: 'Response headers policy', cat: 'edge', hide: true },
  aws_wafv2_web_acl: { kind: 'WAF web ACL', cat: 'edge', sku: (a) => s(a.scope), guard: true },
  aws_wafv2_web_acl_association: {
    kind: 'WAF association',
    cat: 'edge',
    hide: true,
    connect: { from: 'web_acl_arn', to: 'resource_arn', label: 'filters' },
  },
  aws_wafv2_web_acl_logging_configuration: { kind: 'WAF logging', cat: 'edge', hide: true, parent: ['resource_arn'] },
  aws_acm_certificate: { kind: 'ACM certificate', cat: 'security', label: (a) => s(a.domain_name), collapseAt: 3 },
  aws_acm_certificate_validation: { kind: 'Certificate validation', cat: 'security', hide: true, parent: ['certificate_arn'] },
  aws_apigatewayv2_api: { kind: 'API Gateway', cat: 'edge', sku: (a) => s(a.protocol_type), entry: () => true },
  // ---------------- AWS: compute ----------------
  aws_autoscaling_group: {
    kind: 'Auto Scaling group',
    cat: 'compute',
    sku: (a, r, st) => {
      const lt = r.refs.find((x) => x.attr.startsWith('launch_template'));
      const it = lt ? s(st.byAddr.get(lt.target)?.attrs.instance_type) : s(a.instance_type);
      return join(it, `${s(a.min_size)}-${s(a.max_size)} instances`);
    },
    inbound: ['target_group_arns'],
  },
  aws_launch_template: { kind: 'Launch template', cat: 'compute', hide: true, parent: [] },
  aws_autoscaling_policy: { kind: 'Scaling policy', cat: 'compute', hide: true, parent: ['autoscaling_group_name'] },
  aws_instance: { kind: 'EC2 instance', cat: 'compute', sku: (a) => s(a.instance_type) },
  aws_iam_instance_profile: { kind: 'Instance profile', cat: 'security', hide: true },
  aws_ecs_cluster: { kind: 'ECS cluster', cat: 'compute' },
  aws_ecs_service: {
    kind: 'ECS Fargate service',
    cat: 'compute',
    sku: (a, r, st) => {
      const td = r.refs.find((x) => x.attr === 'task_definition');
      const t = td ? st.byAddr.get(td.target)?.attrs : undefined;
      let containers: string[] = [];
      try {
        containers = (JSON.parse(s(t?.container_definitions) ?? '[]') as Array<{ name: string }>).map((c) => c.name);
      } catch {
        /* not JSON: leave out */
      }
      return join(t && `${s(t.cpu)} CPU / ${s(t.memory)} MB`, `×${s(a.desired_count) ?? 1}`, containers.length > 0 && containers.join(', '));
    },
    inbound: ['load_balancer'],
  },
  aws_ecs_task_definition: { kind: 'Task definition', cat: 'compute', hide: true, parent: [] },
  aws_appautoscaling_target: { kind: 'Service autoscaling', cat: 'compute', hide: true, parent: ['resource_id'], parentTypes: ['aws_ecs_service'] },
  aws_appautoscaling_policy: { kind: 'Scaling policy', cat: 'compute', hide: true, parent: ['resource_id'] },
  aws_ecr_repository: { kind: 'ECR repository', cat: 'compute', label: (a) => s(a.name), collapseAt: 3 },
  aws_ecr_lifecycle_policy: { kind: 'ECR lifecycle', cat: 'compute', hide: true, parent: ['repository'] },
  aws_lambda_function: {
    kind: 'Lambda',
    cat: 'compute',
    label: (a) => s(a.function_name),
    sku: (a) => join(s(a.runtime), a.memory_size !== undefined && `${s(a.memory_size)} MB`),
  },
  aws_lambda_permission: { kind: 'Lambda permission', cat: 'compute', hide: true, connect: { from: 'source_arn', to: 'function_name', label: 'invokes' } },
  aws_lambda_event_source_mapping: {
    kind: 'Event source mapping',
    cat: 'compute',
    hide: true,
    connect: { from: 'event_source_arn', to: 'function_name', label: 'triggers' },
  },
  // ---------------- AWS: data and storage ----------------
  aws_db_instance: {
    kind: 'RDS',
    cat: 'data',
    label: (a) => s(a.identifier),
    sku: (a) => join(`${s(a.engine)} ${s(a.engine_version) ?? ''}`.trim(), s(a.instance_class), yes(a.multi_az) ? 'Multi-AZ' : 'single-AZ', a.allocated_storage !== undefined && `${s(a.allocated_storage)} GB`),
  },
  aws_db_subnet_group: { kind: 'DB subnet group', cat: 'data', hide: true },
  aws_db_parameter_group: { kind: 'DB parameter group', cat: 'data', hide: true },
  aws_elasticache_replication_group: {
    kind: 'ElastiCache Redis',
    cat: 'data',
    label: (a) => s(a.replication_group_id),
    sku: (a) => join(s(a.node_type), `${s(a.num_cache_clusters) ?? 1} nodes`),
  },
  aws_elasticache_subnet_group: { kind: 'Cache subnet group', cat: 'data', hide: true },
  aws_s3_bucket: { kind: 'S3 bucket', cat: 'storage', label: (a) => s(a.bucket) ?? s(a.bucket_prefix), collapseAt: 6 },
  aws_s3_bucket_cors_configuration: { kind: 'S3 CORS', cat: 'storage', hide: true, parent: ['bucket'] },
  aws_s3_bucket_lifecycle_configuration: { kind: 'S3 lifecycle', cat: 'storage', hide: true, parent: ['bucket'] },
  aws_s3_bucket_logging: { kind: 'S3 logging', cat: 'storage', hide: true, parent: ['bucket'] },
  aws_s3_bucket_ownership_controls: { kind: 'S3 ownership', cat: 'storage', hide: true, parent: ['bucket'] },
  aws_s3_bucket_policy: { kind: 'S3 policy', cat: 'storage', hide: true, parent: ['bucket'] },
  aws_s3_bucket_public_access_block: { kind: 'S3 public access block', cat: 'storage', hide: true, parent: ['bucket'] },
  aws_s3_bucket_server_side_encryption_configuration: { kind: 'S3 encryption', cat: 'storage', hide: true, parent: ['bucket'] },
  aws_s3_bucket_versioning: { kind: 'S3 versioning', cat: 'storage', hide: true, parent: ['bucket'] },
  aws_s3_bucket_notification: { kind: 'S3 notification', cat: 'storage', hide: true, parent: ['bucket'] },
  aws_backup_vault: { kind: 'Backup vault', cat: 'storage' },
  aws_backup_plan: { kind: 'Backup plan', cat: 'storage', hide: true },
  aws_backup_selection: { kind: 'Backup selection', cat: 'storage', hide: true, parent: ['plan_id'] },
  // ---------------- AWS: messaging ----------------
  aws_sqs_queue: { kind: 'SQS queue', cat: 'messaging', collapseAt: 4 },
  aws_sqs_queue_policy: { kind: 'SQS policy', cat: 'messaging', hide: true, parent: ['queue_url'] },
  aws_sqs_queue_redrive_allow_policy: { kind: 'SQS redrive allow', cat: 'messaging', hide: true, parent: ['queue_url'] },
  aws_sns_topic: { kind: 'SNS topic', cat: 'messaging', collapseAt: 4 },
  aws_sns_topic_policy: { kind: 'SNS policy', cat: 'messaging', hide: true, parent: ['arn'] },
  aws_sns_topic_subscription: {
    kind: 'SNS subscription',
    cat: 'messaging',
    hide: true,
    parent: ['topic_arn'],
    connect: { from: 'topic_arn', to: 'endpoint', label: 'delivers' },
  },
  aws_cloudwatch_event_rule: { kind: 'EventBridge rule', cat: 'messaging', label: (a) => s(a.name), sku: (a) => s(a.schedule_expression), collapseAt: 4 },
  aws_cloudwatch_event_target: { kind: 'EventBridge target', cat: 'messaging', hide: true, connect: { from: 'rule', to: 'arn', label: 'targets' } },
  aws_sesv2_email_identity: { kind: 'SES identity', cat: 'messaging', label: (a) => s(a.email_identity) },
  aws_sesv2_email_identity_mail_from_attributes: { kind: 'SES MAIL FROM', cat: 'messaging', hide: true, parent: ['email_identity'] },
  aws_sesv2_configuration_set: { kind: 'SES configuration set', cat: 'messaging', hide: true },
  aws_sesv2_configuration_set_event_destination: { kind: 'SES event destination', cat: 'messaging', hide: true, parent: ['configuration_set_name'] },
  aws_ses_template: { kind: 'SES template', cat: 'messaging', hide: true },
  // ---------------- AWS: security and observability ----------------
  aws_kms_key: { kind: 'KMS key', cat: 'security', label: (a) => s(a.description), collapseAt: 3 },
  aws_kms_alias: { kind: 'KMS alias', cat: 'security', hide: true, parent: ['target_key_id'] },
  aws_secretsmanager_secret: { kind: 'Secret', cat: 'security', collapseAt: 3 },
  aws_secretsmanager_secret_version: { kind: 'Secret version', cat: 'security', hide: true, parent: ['secret_id'] },
  aws_iam_role: { kind: 'IAM role', cat: 'security', hide: true },
  aws_iam_role_policy: { kind: 'IAM policy', cat: 'security', hide: true, parent: ['role'] },
  aws_iam_role_policy_attachment: { kind: 'IAM attachment', cat: 'security', hide: true, parent: ['role'] },
  aws_iam_policy: { kind: 'IAM policy', cat: 'security', hide: true },
  aws_cloudwatch_log_group: { kind: 'Log group', cat: 'observability', collapseAt: 2, sku: (a) => a.retention_in_days !== undefined ? `${s(a.retention_in_days)} days` : undefined },
  aws_cloudwatch_metric_alarm: { kind: 'CloudWatch alarm', cat: 'observability', collapseAt: 2, label: (a) => s(a.alarm_name) },
  aws_cloudwatch_dashboard: { kind: 'CloudWatch dashboard', cat: 'observability', label: (a) => s(a.dashboard_name) },
  aws_cloudwatch_log_delivery: { kind: 'Log delivery', cat: 'observability', hide: true, parent: ['delivery_source_name'] },
  aws_cloudwatch_log_delivery_destination: { kind: 'Log delivery destination', cat: 'observability', hide: true },
  aws_cloudwatch_log_delivery_source: { kind: 'Log delivery source', cat: 'observability', hide: true, parent: ['resource_arn'] },
  aws_s3_bucket_acl: { kind: 'S3 ACL', cat: 'storage', hide: true, parent: ['bucket'] },

  // ---------------- Azure: network ----------------
  azurerm_resource_group: { kind: 'Resource group', cat: 'other', hide: true },
  azurerm_virtual_network: { kind: 'VNet', cat: 'network', group: 'vpc' },
  azurerm_subnet: { kind: 'Subnet', cat: 'network', group: 'subnet' },
  azurerm_network_security_group: { kind: 'NSG', cat: 'network', hide: true },
  azurerm_network_security_rule: { kind: 'NSG rule', cat: 'network', hide: true },
  azurerm_subnet_network_security_group_association: { kind: 'NSG association', cat: 'network', hide: true },
  azurerm_route_table: { kind: 'Route table', cat: 'network', hide: true },
  azurerm_subnet_route_table_association: { kind: 'Route table association', cat: 'network', hide: true },
  azurerm_nat_gateway: { kind: 'NAT gateway', cat: 'network', sku: (a) => s(a.sku_name) },
  azurerm_nat_gateway_public_ip_association: { kind: 'NAT public IP', cat: 'network', hide: true, parent: ['nat_gateway_id'] },
  azurerm_subnet_nat_gateway_association: { kind: 'NAT association', cat: 'network', hide: true },
  azurerm_public_ip: { kind: 'Public IP', cat: 'network', hide: true, parent: [], referrerAttrs: ['frontend_ip_configuration', 'ip_configuration', 'public_ip_address_id'] },
  azurerm_network_ddos_protection_plan: { kind: 'DDoS protection plan', cat: 'security', sku: () => 'Network Protection' },
  azurerm_network_interface: { kind: 'NIC', cat: 'network', hide: true, parent: [], referrerAttrs: ['network_interface_ids'] },
  azurerm_private_endpoint: { kind: 'Private endpoint', cat: 'network', hide: true, parent: ['private_service_connection.private_connection_resource_id'] },
  azurerm_private_dns_zone: { kind: 'Private DNS zone', cat: 'network', hide: true },
  azurerm_private_dns_zone_virtual_network_link: { kind: 'DNS zone link', cat: 'network', hide: true },
  azurerm_firewall: { kind: 'Azure Firewall', cat: 'security', sku: (a) => join(s(a.sku_name), s(a.sku_tier)) },
  azurerm_firewall_policy: { kind: 'Firewall policy', cat: 'security', hide: true },
  azurerm_firewall_policy_rule_collection_group: { kind: 'Firewall rules', cat: 'security', hide: true, parent: ['firewall_policy_id'] },
  azurerm_bastion_host: { kind: 'Bastion', cat: 'security', sku: (a) => s(a.sku) },
  azurerm_dns_zone: { kind: 'DNS zone', cat: 'edge', label: (a) => s(a.name) },
  // ---------------- Azure: edge ----------------
  azurerm_application_gateway: {
    kind: 'Application Gateway',
    cat: 'edge',
    sku: (a) => join(s(get(a, 'sku.name')), get(a, 'autoscale_configuration') ? `autoscale ${s(get(a, 'autoscale_configuration.min_capacity'))}-${s(get(a, 'autoscale_configuration.max_capacity'))}` : s(get(a, 'sku.capacity')) && `×${s(get(a, 'sku.capacity'))}`),
    entry: () => true,
  },
  azurerm_web_application_firewall_policy: { kind: 'WAF policy', cat: 'edge', guard: true, sku: (a) => s(get(a, 'policy_settings.mode')) },
  azurerm_cdn_frontdoor_profile: { kind: 'Front Door', cat: 'edge', sku: (a) => s(a.sku_name), entry: () => true },
  azurerm_cdn_frontdoor_endpoint: { kind: 'Front Door endpoint', cat: 'edge', hide: true, parent: ['cdn_frontdoor_profile_id'] },
  azurerm_cdn_frontdoor_origin_group: { kind: 'Origin group', cat: 'edge', hide: true, parent: ['cdn_frontdoor_profile_id'] },
  azurerm_cdn_frontdoor_origin: { kind: 'Origin', cat: 'edge', hide: true, connect: { from: 'cdn_frontdoor_origin_group_id', to: 'host_name', label: 'origin' } },
  azurerm_cdn_frontdoor_route: { kind: 'Route', cat: 'edge', hide: true, parent: ['cdn_frontdoor_endpoint_id'] },
  azurerm_cdn_frontdoor_rule_set: { kind: 'Rule set', cat: 'edge', hide: true, parent: ['cdn_frontdoor_profile_id'] },
  azurerm_cdn_frontdoor_rule: { kind: 'Rule', cat: 'edge', hide: true, parent: ['cdn_frontdoor_rule_set_id'] },
  azurerm_cdn_frontdoor_custom_domain: { kind: 'Custom domain', cat: 'edge', hide: true, parent: ['cdn_frontdoor_profile_id'] },
  azurerm_cdn_frontdoor_firewall_policy: { kind: 'Front Door WAF', cat: 'edge', guard: true, sku: (a) => join(s(a.sku_name), s(a.mode)) },
  azurerm_cdn_frontdoor_security_policy: {
    kind: 'Security policy',
    cat: 'edge',
    hide: true,
    connect: { from: 'security_policies.firewall.cdn_frontdoor_firewall_policy_id', to: 'cdn_frontdoor_profile_id', label: 'filters' },
  },
  azurerm_api_management: { kind: 'API Management', cat: 'edge', sku: (a) => s(a.sku_name), entry: () => true },
  azurerm_api_management_api: { kind: 'API', cat: 'edge', hide: true, parent: ['api_management_name'] },
  azurerm_api_management_api_policy: { kind: 'API policy', cat: 'edge', hide: true, parent: ['api_name', 'api_management_name'] },
  azurerm_api_management_api_operation: { kind: 'API operation', cat: 'edge', hide: true, parent: ['api_management_name'] },
  azurerm_api_management_backend: { kind: 'APIM backend', cat: 'edge', hide: true, connect: { from: 'api_management_name', to: 'url', label: 'backend' } },
  azurerm_api_management_product: { kind: 'APIM product', cat: 'edge', hide: true, parent: ['api_management_name'] },
  azurerm_api_management_product_api: { kind: 'APIM product API', cat: 'edge', hide: true, parent: ['api_management_name'] },
  azurerm_api_management_subscription: { kind: 'APIM subscription', cat: 'edge', hide: true, parent: ['api_management_name'] },
  azurerm_api_management_named_value: { kind: 'APIM named value', cat: 'edge', hide: true, parent: ['api_management_name'] },
  azurerm_api_management_logger: { kind: 'APIM logger', cat: 'edge', hide: true, parent: ['api_management_id', 'api_management_name'] },
  azurerm_api_management_diagnostic: { kind: 'APIM diagnostic', cat: 'edge', hide: true, parent: ['api_management_name'] },
  azurerm_api_management_policy: { kind: 'APIM policy', cat: 'edge', hide: true, parent: ['api_management_id'] },
  azurerm_static_web_app: { kind: 'Static Web App', cat: 'edge', sku: (a) => s(a.sku_tier) ?? 'Free', entry: () => true },
  azurerm_traffic_manager_profile: { kind: 'Traffic Manager', cat: 'edge', sku: (a) => s(a.traffic_routing_method), entry: () => true },
  azurerm_traffic_manager_azure_endpoint: { kind: 'TM endpoint', cat: 'edge', hide: true, connect: { from: 'profile_id', to: 'target_resource_id', label: 'endpoint' } },
  azurerm_traffic_manager_external_endpoint: { kind: 'TM endpoint', cat: 'edge', hide: true, parent: ['profile_id'] },
  // ---------------- Azure: compute ----------------
  azurerm_service_plan: { kind: 'App Service plan', cat: 'compute', sku: (a) => join(s(a.sku_name), s(a.os_type), a.worker_count !== undefined && `×${s(a.worker_count)}`) },
  azurerm_linux_web_app: { kind: 'Web App', cat: 'compute', inbound: [], sku: (a) => s(get(a, 'site_config.application_stack.docker_image_name')), entry: (a) => a.public_network_access_enabled !== false },
  azurerm_linux_function_app: { kind: 'Function App', cat: 'compute', placeWith: ['service_plan_id'], sku: (a) => s(get(a, 'site_config.application_stack.python_version')) && `Python ${s(get(a, 'site_config.application_stack.python_version'))}` },
  azurerm_function_app_flex_consumption: { kind: 'Function App (Flex)', cat: 'compute', sku: (a) => join(s(a.runtime_name), s(a.runtime_version), a.instance_memory_in_mb !== undefined && `${s(a.instance_memory_in_mb)} MB`) },
  azurerm_app_service_virtual_network_swift_connection: { kind: 'VNet integration', cat: 'network', hide: true, parent: ['app_service_id'] },
  azurerm_monitor_autoscale_setting: { kind: 'Autoscale', cat: 'compute', hide: true, parent: ['target_resource_id'] },
  azurerm_container_app_environment: { kind: 'Container Apps environment', cat: 'compute', sku: (a) => (get(a, 'workload_profile.name') ? s(get(a, 'workload_profile.workload_profile_type')) ?? 'workload profiles' : 'Consumption') },
  azurerm_container_app: {
    kind: 'Container App',
    cat: 'compute',
    sku: (a) => join(s(get(a, 'template.container.cpu')) && `${s(get(a, 'template.container.cpu'))} vCPU / ${s(get(a, 'template.container.memory'))}`, `${s(get(a, 'template.min_replicas')) ?? 0}-${s(get(a, 'template.max_replicas')) ?? 10} replicas`),
    entry: (a) => yes(get(a, 'ingress.external_enabled')),
    placeWith: ['container_app_environment_id'],
    collapseAt: 6,
  },
  azurerm_container_app_environment_storage: { kind: 'Environment storage', cat: 'compute', hide: true, parent: ['container_app_environment_id'] },
  azurerm_container_registry: { kind: 'Container registry', cat: 'compute', sku: (a) => s(a.sku) },
  azurerm_linux_virtual_machine: { kind: 'Linux VM', cat: 'compute', sku: (a) => s(a.size) },
  azurerm_managed_disk: { kind: 'Managed disk', cat: 'compute', hide: true },
  azurerm_virtual_machine_data_disk_attachment: { kind: 'Disk attachment', cat: 'compute', hide: true, parent: ['virtual_machine_id'] },
  azurerm_virtual_machine_extension: { kind: 'VM extension', cat: 'compute', hide: true, parent: ['virtual_machine_id'] },
  azurerm_data_factory: { kind: 'Data Factory', cat: 'compute' },
  azurerm_data_factory_pipeline: { kind: 'ADF pipeline', cat: 'compute', hide: true, parent: ['data_factory_id'] },
  azurerm_data_factory_linked_service_azure_blob_storage: { kind: 'ADF linked service', cat: 'compute', hide: true, parent: ['data_factory_id'] },
  azurerm_data_factory_linked_service_azure_sql_database: { kind: 'ADF linked service', cat: 'compute', hide: true, parent: ['data_factory_id'] },
  azurerm_data_factory_managed_private_endpoint: { kind: 'ADF managed PE', cat: 'compute', hide: true, parent: ['data_factory_id'] },
  azurerm_cognitive_account: { kind: 'Azure OpenAI', cat: 'compute', sku: (a) => join(s(a.kind), s(a.sku_name)) },
  azurerm_cognitive_deployment: {
    kind: 'Model deployment',
    cat: 'compute',
    hide: true,
    parent: ['cognitive_account_id'],
  },
  // ---------------- Azure: data and storage ----------------
  azurerm_postgresql_flexible_server: {
    kind: 'PostgreSQL flexible',
    cat: 'data',
    sku: (a) => join(s(a.sku_name), `v${s(a.version)}`, a.storage_mb !== undefined && `${Number(a.storage_mb) / 1024} GB`, get(a, 'high_availability.mode') ? `HA ${s(get(a, 'high_availability.mode'))}` : undefined),
  },
  azurerm_postgresql_flexible_server_configuration: { kind: 'Server parameter', cat: 'data', hide: true, parent: ['server_id'] },
  azurerm_postgresql_flexible_server_database: { kind: 'Database', cat: 'data', hide: true, parent: ['server_id'] },
  azurerm_postgresql_flexible_server_firewall_rule: { kind: 'Firewall rule', cat: 'data', hide: true, parent: ['server_id'] },
  azurerm_postgresql_flexible_server_active_directory_administrator: { kind: 'Entra admin', cat: 'data', hide: true, parent: ['server_name'] },
  azurerm_mysql_flexible_server: {
    kind: 'MySQL flexible',
    cat: 'data',
    sku: (a) => join(s(a.sku_name), s(a.version) && `v${s(a.version)}`, get(a, 'storage.size_gb') !== undefined && `${s(get(a, 'storage.size_gb'))} GB`, get(a, 'high_availability.mode') ? `HA ${s(get(a, 'high_availability.mode'))}` : undefined),
  },
  azurerm_mysql_flexible_server_configuration: { kind: 'Server parameter', cat: 'data', hide: true, parent: ['server_name'] },
  azurerm_mysql_flexible_database: { kind: 'Database', cat: 'data', hide: true, parent: ['server_name'] },
  azurerm_mysql_flexible_server_firewall_rule: { kind: 'Firewall rule', cat: 'data', hide: true, parent: ['server_name'] },
  azurerm_mysql_flexible_server_active_directory_administrator: { kind: 'Entra admin', cat: 'data', hide: true, parent: ['server_id'] },
  azurerm_mssql_server: { kind: 'Azure SQL server', cat: 'data', sku: (a) => s(a.version) && `v${s(a.version)}` },
  azurerm_mssql_database: {
    kind: 'Azure SQL database',
    cat: 'data',
    placeWith: ['server_id'],
    sku: (a) => join(s(a.sku_name), a.max_size_gb !== undefined && `${s(a.max_size_gb)} GB`, yes(a.zone_redundant) && 'zone-redundant'),
  },
  azurerm_mssql_firewall_rule: { kind: 'SQL firewall rule', cat: 'data', hide: true, parent: ['server_id'] },
  azurerm_mssql_server_extended_auditing_policy: { kind: 'SQL auditing', cat: 'data', hide: true, parent: ['server_id'] },
  azurerm_mssql_database_extended_auditing_policy: { kind: 'SQL auditing', cat: 'data', hide: true, parent: ['database_id'] },
  azurerm_mssql_server_security_alert_policy: { kind: 'SQL alert policy', cat: 'data', hide: true, parent: ['server_name'] },
  azurerm_mssql_server_vulnerability_assessment: { kind: 'SQL VA', cat: 'data', hide: true, parent: ['server_security_alert_policy_id'] },
  azurerm_mssql_server_transparent_data_encryption: { kind: 'SQL TDE', cat: 'data', hide: true, parent: ['server_id'] },
  azurerm_cosmosdb_account: {
    kind: 'Cosmos DB',
    cat: 'data',
    sku: (a) => join(s(a.kind), (Array.isArray(a.capabilities) ? a.capabilities : [a.capabilities]).some((c) => s(get(c, 'name')) === 'EnableServerless') ? 'serverless' : 'provisioned'),
  },
  azurerm_cosmosdb_sql_database: { kind: 'Cosmos database', cat: 'data', hide: true, parent: ['account_name'] },
  azurerm_cosmosdb_sql_container: { kind: 'Cosmos container', cat: 'data', hide: true, parent: ['account_name'] },
  azurerm_redis_cache: { kind: 'Azure Cache for Redis', cat: 'data', sku: (a) => join(s(a.sku_name), `${s(a.family)}${s(a.capacity)}`) },
  azurerm_managed_redis: { kind: 'Azure Managed Redis', cat: 'data', sku: (a) => s(a.sku_name) },
  azurerm_storage_account: {
    kind: 'Storage account',
    cat: 'storage',
    sku: (a) => join(s(a.account_tier), s(a.account_replication_type)),
    collapseAt: 5,
  },
  azurerm_storage_container: { kind: 'Blob container', cat: 'storage', hide: true, parent: ['storage_account_id', 'storage_account_name'] },
  azurerm_storage_queue: { kind: 'Storage queue', cat: 'storage', hide: true, parent: ['storage_account_id', 'storage_account_name'] },
  azurerm_storage_management_policy: { kind: 'Lifecycle policy', cat: 'storage', hide: true, parent: ['storage_account_id'] },
  // ---------------- Azure: messaging ----------------
  azurerm_servicebus_namespace: { kind: 'Service Bus', cat: 'messaging', sku: (a) => join(s(a.sku), a.capacity !== undefined && Number(a.capacity) > 0 && `${s(a.capacity)} MU`) },
  azurerm_servicebus_queue: { kind: 'Queue', cat: 'messaging', hide: true, parent: ['namespace_id'] },
  azurerm_servicebus_topic: { kind: 'Topic', cat: 'messaging', hide: true, parent: ['namespace_id'] },
  azurerm_servicebus_subscription: { kind: 'Subscription', cat: 'messaging', hide: true, parent: ['topic_id'] },
  azurerm_servicebus_namespace_authorization_rule: { kind: 'SB auth rule', cat: 'messaging', hide: true, parent: ['namespace_id'] },
  // ---------------- Azure: security and observability ----------------
  azurerm_key_vault: { kind: 'Key Vault', cat: 'security', sku: (a) => s(a.sku_name) },
  azurerm_key_vault_secret: { kind: 'Key Vault secret', cat: 'security', hide: true, parent: ['key_vault_id'] },
  azurerm_key_vault_key: { kind: 'Key Vault key', cat: 'security', hide: true, parent: ['key_vault_id'] },
  azurerm_key_vault_access_policy: { kind: 'Access policy', cat: 'security', hide: true, parent: ['key_vault_id'] },
  azurerm_user_assigned_identity: { kind: 'Managed identity', cat: 'security', hide: true },
  azurerm_role_assignment: { kind: 'Role assignment', cat: 'security', hide: true },
  azurerm_management_lock: { kind: 'Lock', cat: 'security', hide: true, parent: ['scope'] },
  azurerm_log_analytics_workspace: { kind: 'Log Analytics', cat: 'observability', sku: (a) => join(s(a.sku), a.retention_in_days !== undefined && `${s(a.retention_in_days)} days`) },
  azurerm_application_insights: { kind: 'Application Insights', cat: 'observability', sku: (a) => s(a.application_type) },
  azurerm_monitor_diagnostic_setting: { kind: 'Diagnostic setting', cat: 'observability', hide: true, parent: ['target_resource_id'] },
  azurerm_monitor_action_group: { kind: 'Action group', cat: 'observability' },
  azurerm_monitor_metric_alert: { kind: 'Metric alert', cat: 'observability', collapseAt: 2 },
  azurerm_monitor_scheduled_query_rules_alert_v2: { kind: 'Log alert', cat: 'observability', collapseAt: 2 },
  azurerm_application_insights_workbook: { kind: 'Workbook', cat: 'observability' },
  azurerm_resource_group_template_deployment: { kind: 'ARM template deployment', cat: 'compute' },
  // ---------------- Azure: more plumbing the next stacks may synthesize ----------------
  azurerm_storage_account_network_rules: { kind: 'Storage network rules', cat: 'storage', hide: true, parent: ['storage_account_id'] },
  azurerm_storage_blob: { kind: 'Blob', cat: 'storage', hide: true, parent: ['storage_container_name', 'storage_account_name'] },
  azurerm_storage_share: { kind: 'File share', cat: 'storage', hide: true, parent: ['storage_account_id', 'storage_account_name'] },
  azurerm_api_management_api_operation_policy: { kind: 'API operation policy', cat: 'edge', hide: true, parent: ['api_management_name'] },
  azurerm_api_management_product_policy: { kind: 'APIM product policy', cat: 'edge', hide: true, parent: ['api_management_name'] },
  azurerm_api_management_certificate: { kind: 'APIM certificate', cat: 'edge', hide: true, parent: ['api_management_name'] },
  azurerm_api_management_custom_domain: { kind: 'APIM custom domain', cat: 'edge', hide: true, parent: ['api_management_id'] },
  azurerm_api_management_user: { kind: 'APIM user', cat: 'edge', hide: true, parent: ['api_management_name'] },
  azurerm_api_management_group: { kind: 'APIM group', cat: 'edge', hide: true, parent: ['api_management_name'] },
  azurerm_api_management_api_version_set: { kind: 'APIM version set', cat: 'edge', hide: true, parent: ['api_management_name'] },
  azurerm_mssql_virtual_network_rule: { kind: 'SQL VNet rule', cat: 'data', hide: true, parent: ['server_id'] },
  azurerm_mssql_server_microsoft_support_auditing_policy: { kind: 'SQL support auditing', cat: 'data', hide: true, parent: ['server_id'] },
  azurerm_mssql_database_vulnerability_assessment_rule_baseline: { kind: 'SQL VA baseline', cat: 'data', hide: true, parent: ['database_name'] },
  azurerm_mssql_database_short_term_retention_policy: { kind: 'SQL retention', cat: 'data', hide: true, parent: ['database_id'] },
  azurerm_cosmosdb_sql_role_assignment: { kind: 'Cosmos role assignment', cat: 'data', hide: true, parent: ['account_name'] },
  azurerm_cosmosdb_sql_role_definition: { kind: 'Cosmos role definition', cat: 'data', hide: true, parent: ['account_name'] },
  azurerm_servicebus_queue_authorization_rule: { kind: 'Queue auth rule', cat: 'messaging', hide: true, parent: ['queue_id'] },
  azurerm_servicebus_topic_authorization_rule: { kind: 'Topic auth rule', cat: 'messaging', hide: true, parent: ['topic_id'] },
  azurerm_servicebus_subscription_rule: { kind: 'Subscription rule', cat: 'messaging', hide: true, parent: ['subscription_id'] },
  azurerm_servicebus_namespace_network_rule_set: { kind: 'SB network rules', cat: 'messaging', hide: true, parent: ['namespace_id'] },
  azurerm_static_web_app_custom_domain: { kind: 'Custom domain', cat: 'edge', hide: true, parent: ['static_web_app_id'] },
  azurerm_cdn_frontdoor_secret: { kind: 'Front Door secret', cat: 'edge', hide: true, parent: ['cdn_frontdoor_profile_id'] },
  azurerm_cdn_frontdoor_custom_domain_association: { kind: 'Custom domain association', cat: 'edge', hide: true, parent: ['cdn_frontdoor_custom_domain_id'] },
  azurerm_data_factory_integration_runtime_azure: { kind: 'ADF integration runtime', cat: 'compute', hide: true, parent: ['data_factory_id'] },
  azurerm_data_factory_trigger_schedule: { kind: 'ADF trigger', cat: 'compute', hide: true, parent: ['data_factory_id'] },
  azurerm_data_factory_linked_service_key_vault: { kind: 'ADF linked service', cat: 'compute', hide: true, parent: ['data_factory_id'] },
  azurerm_data_factory_linked_service_data_lake_storage_gen2: { kind: 'ADF linked service', cat: 'compute', hide: true, parent: ['data_factory_id'] },
  azurerm_data_factory_dataset_delimited_text: { kind: 'ADF dataset', cat: 'compute', hide: true, parent: ['data_factory_id'] },
  azurerm_data_factory_dataset_azure_sql_table: { kind: 'ADF dataset', cat: 'compute', hide: true, parent: ['data_factory_id'] },
  azurerm_data_factory_dataset_parquet: { kind: 'ADF dataset', cat: 'compute', hide: true, parent: ['data_factory_id'] },
  azurerm_data_factory_dataset_json: { kind: 'ADF dataset', cat: 'compute', hide: true, parent: ['data_factory_id'] },
  azurerm_linux_function_app_slot: { kind: 'Function App slot', cat: 'compute', hide: true, parent: ['function_app_id'] },
  azurerm_linux_web_app_slot: { kind: 'Web App slot', cat: 'compute', hide: true, parent: ['app_service_id'] },
  azurerm_redis_firewall_rule: { kind: 'Redis firewall rule', cat: 'data', hide: true, parent: ['redis_cache_name'] },
  azurerm_key_vault_certificate: { kind: 'Key Vault certificate', cat: 'security', hide: true, parent: ['key_vault_id'] },
  azurerm_private_dns_a_record: { kind: 'Private DNS record', cat: 'network', hide: true, parent: ['zone_name'] },
  azurerm_dns_a_record: { kind: 'DNS record', cat: 'edge', hide: true, parent: ['zone_name'] },
  azurerm_dns_cname_record: { kind: 'DNS record', cat: 'edge', hide: true, parent: ['zone_name'] },
  azurerm_dns_txt_record: { kind: 'DNS record', cat: 'edge', hide: true, parent: ['zone_name'] },
  azurerm_monitor_data_collection_rule: { kind: 'Data collection rule', cat: 'observability', hide: true, parent: [] },
  azurerm_monitor_data_collection_rule_association: { kind: 'DCR association', cat: 'observability', hide: true, parent: ['target_resource_id'] },
  azurerm_log_analytics_solution: { kind: 'Log Analytics solution', cat: 'observability', hide: true, parent: ['workspace_resource_id'] },
  azurerm_virtual_network_peering: { kind: 'VNet peering', cat: 'network', hide: true, parent: [] },
  azurerm_container_app_environment_dapr_component: { kind: 'Dapr component', cat: 'compute', hide: true, parent: ['container_app_environment_id'] },
  azurerm_container_app_environment_certificate: { kind: 'Environment certificate', cat: 'compute', hide: true, parent: ['container_app_environment_id'] },
  azurerm_container_app_custom_domain: { kind: 'Custom domain', cat: 'compute', hide: true, parent: ['container_app_id'] },
  azurerm_federated_identity_credential: { kind: 'Federated credential', cat: 'security', hide: true, parent: [] },
  azurerm_windows_function_app: { kind: 'Function App (Windows)', cat: 'compute', placeWith: ['service_plan_id'] },
  azurerm_linux_virtual_machine_scale_set: { kind: 'VM scale set', cat: 'compute', sku: (a) => join(s(a.sku), a.instances !== undefined && `×${s(a.instances)}`) },
  // ---------------- providers without a cloud ----------------
  random_password: { kind: 'Generated password', cat: 'security', hide: true },
  random_string: { kind: 'Random string', cat: 'other', hide: true },
  random_id: { kind: 'Random id', cat: 'other', hide: true },
};

export function typeInfo(type: string): TypeInfo {
  return TYPES[type] ?? { kind: type, cat: 'other' };
}

export function displayName(r: Resource): string {
  const t = typeInfo(r.type);
  const a = r.attrs;
  const tagName = (a.tags && typeof a.tags === 'object' ? (a.tags as Record<string, unknown>).Name : undefined) as unknown;
  const cands = [t.label?.(a), s(a.name), s(tagName), s(a.identifier), s(a.bucket), s(a.function_name)];
  for (const c of cands) if (c && !c.includes('${')) return c;
  return r.path.split('/').filter((p) => p !== 'Resource').join('/') || r.name;
}

export function skuOf(r: Resource, st: Stack): string | undefined {
  const v = typeInfo(r.type).sku?.(r.attrs, r, st);
  return v && !v.includes('${') ? v : v?.replace(/\$\{[^}]*\}/g, '…');
}
