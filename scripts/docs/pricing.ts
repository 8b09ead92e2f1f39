/*
 * Per-resource-type pricing rules: which meters a resource uses, how many,
 * and the price-table key of each (prices/<cloud>-<region>-<yyyy-mm>.json).
 * Usage-based meters read their quantity from the table's `assumptions`, so
 * every assumption is written down next to the prices it multiplies.
 * A type missing here and not in FREE is reported as unpriced, never as $0.
 */
import { get, Resource, Stack, str } from './model';

export interface Meter {
  /** price-table key, e.g. `ec2.t3.medium` */
  key: string;
  /** what is counted, e.g. `t3.medium` or `1 LCU average` */
  sku: string;
  qty: number;
  /** the assumption behind a usage-based quantity (shown in the table) */
  assumption?: string;
}

export type Assumptions = Record<string, number>;

export interface Ctx {
  st: Stack;
  a: Assumptions;
  hours: number;
  /** attributes of the resource a reference in `attr` points at */
  refAttrs: (r: Resource, attr: string) => Record<string, unknown> | undefined;
  countOf: (type: string) => number;
}

type Rule = (r: Resource, c: Ctx) => Meter[];

const n = (v: unknown, d = 0): number => {
  const x = typeof v === 'number' ? v : Number(str(v));
  return Number.isFinite(x) ? x : d;
};
const s = (v: unknown) => str(v) ?? '?';
const hourly = (key: string, sku: string, qty: number, c: Ctx): Meter => ({ key, sku, qty: qty * c.hours, assumption: `${qty > 1 ? `${qty} × ` : ''}${c.hours} h/month` });

/** Resource types with no charge of their own (configuration, IAM, networking glue). */
export const FREE = new Set([
  'aws_vpc', 'aws_subnet', 'aws_internet_gateway', 'aws_route_table', 'aws_route', 'aws_route_table_association',
  'aws_security_group', 'aws_default_security_group', 'aws_vpc_security_group_ingress_rule', 'aws_vpc_security_group_egress_rule',
  'aws_security_group_rule', 'aws_flow_log', 'aws_iam_role', 'aws_iam_role_policy', 'aws_iam_role_policy_attachment', 'aws_iam_policy',
  'aws_iam_instance_profile', 'aws_launch_template', 'aws_autoscaling_policy', 'aws_lb_listener', 'aws_lb_listener_rule', 'aws_lb_target_group',
  'aws_lb_target_group_attachment', 'aws_acm_certificate', 'aws_acm_certificate_validation', 'aws_route53_record', 'aws_kms_alias',
  'aws_secretsmanager_secret_version', 'aws_s3_bucket_cors_configuration', 'aws_s3_bucket_lifecycle_configuration', 'aws_s3_bucket_logging',
  'aws_s3_bucket_ownership_controls', 'aws_s3_bucket_policy', 'aws_s3_bucket_public_access_block', 'aws_s3_bucket_acl',
  'aws_s3_bucket_server_side_encryption_configuration', 'aws_s3_bucket_versioning', 'aws_s3_bucket_notification', 'aws_ecr_lifecycle_policy',
  'aws_ecs_cluster', 'aws_ecs_task_definition', 'aws_appautoscaling_target', 'aws_appautoscaling_policy', 'aws_db_subnet_group',
  'aws_db_parameter_group', 'aws_elasticache_subnet_group', 'aws_lambda_permission', 'aws_lambda_event_source_mapping', 'aws_sqs_queue_policy',
  'aws_sqs_queue_redrive_allow_policy', 'aws_sns_topic_policy', 'aws_sns_topic_subscription', 'aws_cloudwatch_event_rule', 'aws_cloudwatch_event_target',
  'aws_cloudfront_origin_access_control', 'aws_cloudfront_response_headers_policy', 'aws_wafv2_web_acl_association', 'aws_wafv2_web_acl_logging_configuration',
  'aws_cloudwatch_log_delivery', 'aws_cloudwatch_log_delivery_destination', 'aws_cloudwatch_log_delivery_source', 'aws_sesv2_email_identity_mail_from_attributes',
  'aws_sesv2_configuration_set', 'aws_sesv2_configuration_set_event_destination', 'aws_ses_template', 'aws_backup_vault', 'aws_backup_selection', 'aws_eip',
  'aws_sqs_queue', 'aws_sns_topic', 'aws_s3_bucket',
  'aws_lambda_alias', 'aws_s3_object', // an alias is a pointer; a Lambda package object is a few kB within the stack's S3 storage line
  'azurerm_resource_group', 'azurerm_virtual_network', 'azurerm_subnet', 'azurerm_network_security_group', 'azurerm_network_security_rule',
  'azurerm_subnet_network_security_group_association', 'azurerm_route_table', 'azurerm_subnet_route_table_association', 'azurerm_subnet_nat_gateway_association',
  'azurerm_nat_gateway_public_ip_association', 'azurerm_network_interface', 'azurerm_private_dns_zone_virtual_network_link', 'azurerm_role_assignment',
  'azurerm_user_assigned_identity', 'azurerm_management_lock', 'azurerm_monitor_diagnostic_setting', 'azurerm_monitor_autoscale_setting',
  'azurerm_key_vault_secret', 'azurerm_key_vault_access_policy', 'azurerm_storage_container', 'azurerm_storage_queue', 'azurerm_storage_management_policy',
  'azurerm_postgresql_flexible_server_configuration', 'azurerm_postgresql_flexible_server_database', 'azurerm_postgresql_flexible_server_firewall_rule',
  'azurerm_postgresql_flexible_server_active_directory_administrator', 'azurerm_mysql_flexible_server_configuration', 'azurerm_mysql_flexible_database',
  'azurerm_mysql_flexible_server_firewall_rule', 'azurerm_mysql_flexible_server_active_directory_administrator', 'azurerm_mssql_server',
  'azurerm_mssql_firewall_rule', 'azurerm_mssql_server_extended_auditing_policy', 'azurerm_mssql_database_extended_auditing_policy',
  'azurerm_mssql_server_security_alert_policy', 'azurerm_mssql_server_vulnerability_assessment', 'azurerm_mssql_server_transparent_data_encryption',
  'azurerm_cosmosdb_sql_database', 'azurerm_cosmosdb_sql_container', 'azurerm_servicebus_queue', 'azurerm_servicebus_topic', 'azurerm_servicebus_subscription',
  'azurerm_servicebus_namespace_authorization_rule', 'azurerm_cdn_frontdoor_endpoint', 'azurerm_cdn_frontdoor_origin_group', 'azurerm_cdn_frontdoor_origin',
  'azurerm_cdn_frontdoor_route', 'azurerm_cdn_frontdoor_rule_set', 'azurerm_cdn_frontdoor_rule', 'azurerm_cdn_frontdoor_custom_domain',
  'azurerm_cdn_frontdoor_security_policy', 'azurerm_cdn_frontdoor_firewall_policy', 'azurerm_web_application_firewall_policy',
  'azurerm_data_protection_backup_vault', 'azurerm_data_protection_backup_policy_postgresql_flexible_server', 'azurerm_data_protection_backup_instance_postgresql_flexible_server',
  'azurerm_api_management_api', 'azurerm_api_management_api_policy', 'azurerm_api_management_api_operation', 'azurerm_api_management_backend',
  'azurerm_api_management_product', 'azurerm_api_management_product_api', 'azurerm_api_management_subscription', 'azurerm_api_management_named_value',
  'azurerm_api_management_logger', 'azurerm_api_management_diagnostic', 'azurerm_api_management_policy', 'azurerm_app_service_virtual_network_swift_connection',
  'azurerm_container_app_environment', 'azurerm_container_app_environment_storage', 'azurerm_virtual_machine_data_disk_attachment',
  'azurerm_virtual_machine_extension', 'azurerm_data_factory_pipeline', 'azurerm_data_factory_linked_service_azure_blob_storage',
  'azurerm_data_factory_linked_service_azure_sql_database', 'azurerm_data_factory_managed_private_endpoint', 'azurerm_cognitive_account',
  'azurerm_firewall_policy', 'azurerm_firewall_policy_rule_collection_group', 'azurerm_traffic_manager_external_endpoint', 'azurerm_monitor_action_group',
  'azurerm_application_insights', 'azurerm_application_insights_workbook', 'azurerm_linux_web_app', 'azurerm_linux_function_app',
  'random_password', 'random_string', 'random_id',
  // plumbing the next stacks may synthesize (billed through their parent or free)
  'azurerm_storage_account_network_rules', 'azurerm_storage_blob', 'azurerm_storage_share', 'azurerm_api_management_api_operation_policy', 'azurerm_api_management_product_policy', 'azurerm_api_management_certificate', 'azurerm_api_management_custom_domain', 'azurerm_api_management_user', 'azurerm_api_management_group', 'azurerm_api_management_api_version_set', 'azurerm_mssql_virtual_network_rule', 'azurerm_mssql_server_microsoft_support_auditing_policy', 'azurerm_mssql_database_vulnerability_assessment_rule_baseline', 'azurerm_mssql_database_short_term_retention_policy', 'azurerm_cosmosdb_sql_role_assignment', 'azurerm_cosmosdb_sql_role_definition', 'azurerm_servicebus_queue_authorization_rule', 'azurerm_servicebus_topic_authorization_rule', 'azurerm_servicebus_subscription_rule', 'azurerm_servicebus_namespace_network_rule_set', 'azurerm_static_web_app_custom_domain', 'azurerm_cdn_frontdoor_secret', 'azurerm_cdn_frontdoor_custom_domain_association', 'azurerm_data_factory_integration_runtime_azure', 'azurerm_data_factory_trigger_schedule', 'azurerm_data_factory_linked_service_key_vault', 'azurerm_data_factory_linked_service_data_lake_storage_gen2', 'azurerm_data_factory_dataset_delimited_text', 'azurerm_data_factory_dataset_azure_sql_table', 'azurerm_data_factory_dataset_parquet', 'azurerm_data_factory_dataset_json', 'azurerm_linux_function_app_slot', 'azurerm_linux_web_app_slot', 'azurerm_redis_firewall_rule', 'azurerm_key_vault_certificate', 'azurerm_private_dns_a_record', 'azurerm_dns_a_record', 'azurerm_dns_cname_record', 'azurerm_dns_txt_record', 'azurerm_monitor_data_collection_rule_association', 'azurerm_log_analytics_solution', 'azurerm_virtual_network_peering', 'azurerm_container_app_environment_dapr_component', 'azurerm_container_app_environment_certificate', 'azurerm_container_app_custom_domain', 'azurerm_federated_identity_credential', 'azurerm_windows_function_app', 'azurerm_monitor_data_collection_rule',
]);

/**
 * Types whose cost cannot be read from the Terraform JSON (an ARM template deploys whatever it contains):
 * listed on the cost page as not priced, with the reason, and not counted as a gap in the price tables.
 */
export const OPAQUE: Record<string, string> = {
  azurerm_resource_group_template_deployment: 'an ARM template deployment: what it deploys is not visible as Terraform resources; price its contents by hand',
  azurerm_subscription_template_deployment: 'see azurerm_resource_group_template_deployment',
};

/** Why a type in FREE costs nothing by itself (shown once under each table). */
export const FREE_NOTES: Record<string, string> = {
  aws_sqs_queue: 'SQS / SNS requests are counted per stack (see the "requests" line), not per queue',
  aws_sns_topic: 'see aws_sqs_queue',
  aws_s3_bucket: 'S3 storage is counted per stack (see the "S3 storage" line)',
  aws_eip: 'public IPv4 addresses are counted with their NAT gateway',
  azurerm_linux_web_app: 'billed through its App Service plan',
  azurerm_linux_function_app: 'billed through its plan (azurerm_service_plan), Consumption meters included there',
  azurerm_application_insights: 'workspace-based: ingestion is billed by the Log Analytics workspace',
  azurerm_container_app_environment: 'Consumption profile: billed per app (azurerm_container_app)',
  azurerm_cognitive_account: 'billed per model deployment (tokens)',
  azurerm_data_protection_backup_instance_postgresql_flexible_server: 'Azure Backup bills a protected-instance fee plus vault storage per GB of backups; not estimated here',
};

function plan(sku: string, workers: number, c: Ctx, r: Resource): Meter[] {
  if (sku === 'Y1') {
    return [
      { key: 'functions.consumption.executions_million', sku: 'Consumption executions', qty: c.a.function_executions_million, assumption: `${c.a.function_executions_million} M executions/month` },
      { key: 'functions.consumption.gb_s', sku: 'Consumption GB-s', qty: c.a.function_gb_seconds, assumption: `${c.a.function_gb_seconds} GB-s/month` },
    ];
  }
  if (sku === 'FC1') {
    return [{ key: 'functions.flex.gb_s', sku: 'Flex Consumption GB-s', qty: c.a.function_gb_seconds, assumption: `${c.a.function_gb_seconds} GB-s/month` }];
  }
  const os = s(r.attrs.os_type).toLowerCase() === 'windows' ? 'windows' : 'linux';
  return [hourly(`appservice.${os}.${sku}`, `${sku} (${os})`, Math.max(1, workers), c)];
}

export const RULES: Record<string, Rule> = {
  // ---------------- AWS ----------------
  aws_autoscaling_group: (r, c) => {
    const lt = c.refAttrs(r, 'launch_template.id');
    const it = s(lt?.instance_type ?? r.attrs.instance_type);
    const count = Math.max(n(r.attrs.min_size), n(r.attrs.desired_capacity));
    const vol = n(get(lt, 'block_device_mappings.ebs.volume_size'), 8);
    const vtype = str(get(lt, 'block_device_mappings.ebs.volume_type')) ?? 'gp3';
    return [
      { ...hourly(`ec2.${it}`, it, count, c), assumption: `${count} instance${count === 1 ? '' : 's'} (the group's minimum) × ${c.hours} h/month` },
      { key: `ebs.${vtype}.gb`, sku: `${vtype} root volume`, qty: vol * count, assumption: `${count} × ${vol} GB` },
    ];
  },
  aws_instance: (r, c) => [hourly(`ec2.${s(r.attrs.instance_type)}`, s(r.attrs.instance_type), 1, c)],
  aws_db_instance: (r, c) => {
    const multi = r.attrs.multi_az === true;
    const cls = s(r.attrs.instance_class);
    const engine = s(r.attrs.engine);
    const st = str(r.attrs.storage_type) ?? 'gp2';
    return [
      { ...hourly(`rds.${engine}.${cls}${multi ? '.multi_az' : ''}`, `${cls}${multi ? ' Multi-AZ' : ''}`, 1, c) },
      { key: `rds.storage.${st}${multi ? '.multi_az' : ''}`, sku: `${st} storage${multi ? ' Multi-AZ' : ''}`, qty: n(r.attrs.allocated_storage, 20) },
    ];
  },
  aws_elasticache_replication_group: (r, c) => [hourly(`elasticache.${s(r.attrs.node_type)}`, s(r.attrs.node_type), Math.max(1, n(r.attrs.num_cache_clusters, 1)), c)],
  aws_ecs_service: (r, c) => {
    const td = c.refAttrs(r, 'task_definition');
    const cpu = n(td?.cpu) / 1024;
    const mem = n(td?.memory) / 1024;
    const scale = c.st.resources.find((x) => x.type === 'aws_appautoscaling_target' && x.refs.some((y) => y.target === r.addr));
    const count = scale ? n(scale.attrs.min_capacity, 1) : n(r.attrs.desired_count, 1);
    return [
      { key: 'fargate.vcpu_hour', sku: `${cpu} vCPU`, qty: cpu * count * c.hours, assumption: `${count} tasks × ${c.hours} h/month` },
      { key: 'fargate.gb_hour', sku: `${mem} GB`, qty: mem * count * c.hours, assumption: `${count} tasks × ${c.hours} h/month` },
    ];
  },
  aws_lambda_function: (r, c) => {
    const fns = c.countOf('aws_lambda_function');
    const req = c.a.lambda_requests_million / fns;
    const gbs = req * 1e6 * (c.a.lambda_avg_duration_ms / 1000) * (n(r.attrs.memory_size, 128) / 1024);
    return [
      { key: 'lambda.requests_million', sku: 'requests', qty: req, assumption: `${c.a.lambda_requests_million} M requests/month shared by ${fns} functions` },
      { key: 'lambda.gb_s', sku: `${n(r.attrs.memory_size, 128)} MB`, qty: gbs, assumption: `${c.a.lambda_avg_duration_ms} ms average` },
    ];
  },
  aws_lb: (r, c) => [
    hourly(`elb.${s(r.attrs.load_balancer_type)}.hour`, s(r.attrs.load_balancer_type), 1, c),
    { key: `elb.${s(r.attrs.load_balancer_type)}.lcu_hour`, sku: 'LCU', qty: c.a.alb_lcu * c.hours, assumption: `${c.a.alb_lcu} LCU average` },
  ],
  aws_nat_gateway: (_r, c) => [
    hourly('vpc.nat_gateway.hour', 'NAT gateway', 1, c),
    { key: 'vpc.nat_gateway.gb', sku: 'data processed', qty: c.a.nat_gb, assumption: `${c.a.nat_gb} GB/month` },
    { ...hourly('vpc.public_ipv4.hour', 'public IPv4 (its Elastic IP)', 1, c) },
  ],
  aws_cloudfront_distribution: (r, c) => [
    { key: 'cloudfront.transfer_gb', sku: `${s(r.attrs.price_class)} data out`, qty: c.a.cloudfront_gb, assumption: `${c.a.cloudfront_gb} GB/month` },
    { key: 'cloudfront.https_requests_10k', sku: 'HTTPS requests', qty: c.a.cloudfront_requests_million * 100, assumption: `${c.a.cloudfront_requests_million} M requests/month` },
  ],
  aws_cloudfront_function: (_r, c) => [{ key: 'cloudfront.function_invocations_million', sku: 'invocations', qty: c.a.cloudfront_requests_million, assumption: `${c.a.cloudfront_requests_million} M invocations/month` }],
  aws_wafv2_web_acl: (r, c) => {
    const rules = Array.isArray(r.attrs.rule) ? r.attrs.rule.length : r.attrs.rule ? 1 : 0;
    return [
      { key: 'waf.web_acl', sku: `web ACL (${s(r.attrs.scope)})`, qty: 1 },
      { key: 'waf.rule', sku: 'rules / rule groups', qty: rules },
      { key: 'waf.requests_million', sku: 'requests', qty: c.a.waf_requests_million, assumption: `${c.a.waf_requests_million} M requests/month` },
    ];
  },
  aws_backup_plan: (_r, c) => [{ key: 'backup.ebs_snapshot.gb', sku: 'EBS snapshot storage', qty: c.a.backup_gb, assumption: `${c.a.backup_gb} GB of snapshots` }],
  aws_ecr_repository: (_r, c) => [{ key: 'ecr.storage.gb', sku: 'image storage', qty: c.a.ecr_gb_per_repository, assumption: `${c.a.ecr_gb_per_repository} GB per repository` }],
  aws_kms_key: () => [{ key: 'kms.key', sku: 'customer managed key', qty: 1 }],
  aws_secretsmanager_secret: () => [{ key: 'secretsmanager.secret', sku: 'secret', qty: 1 }],
  aws_cloudwatch_log_group: (r, c) => {
    const groups = c.countOf('aws_cloudwatch_log_group');
    const gb = c.a.log_ingest_gb / groups;
    return [
      { key: 'cloudwatch.logs.ingest_gb', sku: 'ingestion', qty: gb, assumption: `${c.a.log_ingest_gb} GB/month shared by ${groups} groups` },
      { key: 'cloudwatch.logs.storage_gb', sku: `storage (${s(r.attrs.retention_in_days)} days)`, qty: gb * Math.min(12, n(r.attrs.retention_in_days, 30) / 30), assumption: 'steady state of the retention' },
    ];
  },
  aws_cloudwatch_metric_alarm: () => [{ key: 'cloudwatch.alarm.standard', sku: 'standard-resolution alarm', qty: 1 }],
  aws_cloudwatch_dashboard: () => [{ key: 'cloudwatch.dashboard', sku: 'dashboard', qty: 1 }],
  aws_sesv2_email_identity: (_r, c) => [{ key: 'ses.emails_1000', sku: 'outbound e-mail', qty: c.a.ses_emails_thousand, assumption: `${c.a.ses_emails_thousand * 1000} e-mails/month` }],
  aws_route53_zone: () => [{ key: 'route53.hosted_zone', sku: 'hosted zone', qty: 1 }],
  aws_vpc_endpoint: (r, c) => (str(r.attrs.vpc_endpoint_type) === 'Gateway' ? [] : [hourly('vpc.interface_endpoint.hour', 'interface endpoint (per AZ)', Math.max(1, (r.attrs.subnet_ids as unknown[] | undefined)?.length ?? 1), c)]),

  // ---------------- Azure ----------------
  azurerm_service_plan: (r, c) => plan(s(r.attrs.sku_name), n(r.attrs.worker_count, 1), c, r),
  azurerm_postgresql_flexible_server: (r, c) => {
    const ha = get(r.attrs, 'high_availability.mode') !== undefined;
    const gb = n(r.attrs.storage_mb, 32768) / 1024;
    return [
      { ...hourly(`postgresql.flexible.${s(r.attrs.sku_name)}`, s(r.attrs.sku_name), ha ? 2 : 1, c), assumption: `${ha ? '2 nodes (HA standby) × ' : ''}${c.hours} h/month` },
      { key: 'postgresql.flexible.storage_gb', sku: 'storage', qty: gb * (ha ? 2 : 1), assumption: ha ? `${gb} GB × 2 (HA)` : undefined },
    ];
  },
  azurerm_mysql_flexible_server: (r, c) => {
    const ha = get(r.attrs, 'high_availability.mode') !== undefined;
    const gb = n(get(r.attrs, 'storage.size_gb'), 20);
    return [
      { ...hourly(`mysql.flexible.${s(r.attrs.sku_name)}`, s(r.attrs.sku_name), ha ? 2 : 1, c), assumption: `${ha ? '2 nodes (HA standby) × ' : ''}${c.hours} h/month` },
      { key: 'mysql.flexible.storage_gb', sku: 'storage', qty: gb * (ha ? 2 : 1), assumption: ha ? `${gb} GB × 2 (HA)` : undefined },
    ];
  },
  azurerm_redis_cache: (r, c) => {
    const shards = Math.max(1, n(r.attrs.shard_count, 1));
    return [hourly(`redis.${s(r.attrs.sku_name).toLowerCase()}.${s(r.attrs.family)}${s(r.attrs.capacity)}`, `${s(r.attrs.sku_name)} ${s(r.attrs.family)}${s(r.attrs.capacity)}`, shards, c)];
  },
  azurerm_managed_redis: (r, c) => [hourly(`redis.managed.${s(r.attrs.sku_name)}`, s(r.attrs.sku_name), 1, c)],
  azurerm_storage_account: (r, c) => [
    {
      key: `storage.blob.${s(r.attrs.access_tier ?? 'Hot').toLowerCase()}.${s(r.attrs.account_replication_type).toLowerCase()}.gb`,
      sku: `${s(r.attrs.account_tier)} ${s(r.attrs.account_replication_type)} ${s(r.attrs.access_tier ?? 'Hot')}`,
      qty: c.a.storage_gb_per_account,
      assumption: `${c.a.storage_gb_per_account} GB`,
    },
  ],
  azurerm_container_registry: (r, c) => [{ key: `acr.${s(r.attrs.sku).toLowerCase()}.day`, sku: s(r.attrs.sku), qty: c.hours / 24, assumption: `${Math.round((c.hours / 24) * 100) / 100} days/month` }],
  azurerm_key_vault: (r, c) => [{ key: 'keyvault.operations_10k', sku: `${s(r.attrs.sku_name)} operations`, qty: c.a.keyvault_operations_10k, assumption: `${c.a.keyvault_operations_10k * 10} k operations/month` }],
  azurerm_log_analytics_workspace: (r, c) => {
    const days = n(r.attrs.retention_in_days, 30);
    const lines: Meter[] = [{ key: 'loganalytics.ingest_gb', sku: `${s(r.attrs.sku)} ingestion`, qty: c.a.log_ingest_gb, assumption: `${c.a.log_ingest_gb} GB/month` }];
    if (days > 31) lines.push({ key: 'loganalytics.retention_gb_month', sku: `retention beyond 31 days (${days} days)`, qty: c.a.log_ingest_gb * Math.min(23, (days - 31) / 30), assumption: 'steady state of the retention' });
    return lines;
  },
  azurerm_private_endpoint: (_r, c) => [hourly('privatelink.endpoint.hour', 'private endpoint', 1, c)],
  azurerm_private_dns_zone: () => [{ key: 'dns.private_zone', sku: 'private DNS zone', qty: 1 }],
  azurerm_dns_zone: () => [{ key: 'dns.public_zone', sku: 'DNS zone', qty: 1 }],
  azurerm_cdn_frontdoor_profile: (r, c) => [
    { key: `frontdoor.${s(r.attrs.sku_name)}.base`, sku: `${s(r.attrs.sku_name)} base fee`, qty: 1 },
    { key: 'frontdoor.transfer_gb', sku: 'data transfer out', qty: c.a.frontdoor_gb, assumption: `${c.a.frontdoor_gb} GB/month` },
    { key: `frontdoor.${s(r.attrs.sku_name)}.requests_10k`, sku: 'requests', qty: c.a.frontdoor_requests_million * 100, assumption: `${c.a.frontdoor_requests_million} M requests/month` },
  ],
  azurerm_traffic_manager_profile: (_r, c) => [{ key: 'trafficmanager.dns_queries_million', sku: 'DNS queries', qty: c.a.traffic_manager_queries_million, assumption: `${c.a.traffic_manager_queries_million} M queries/month` }],
  azurerm_traffic_manager_azure_endpoint: () => [{ key: 'trafficmanager.health_check.azure', sku: 'endpoint health check', qty: 1 }],
  azurerm_application_gateway: (r, c) => {
    const sku = s(get(r.attrs, 'sku.name'));
    const min = n(get(r.attrs, 'autoscale_configuration.min_capacity'), n(get(r.attrs, 'sku.capacity'), 0));
    const cu = Math.max(min, c.a.appgw_capacity_units);
    return [
      hourly(`appgw.${sku}.gateway_hour`, `${sku} fixed`, 1, c),
      { key: `appgw.${sku}.capacity_unit_hour`, sku: 'capacity units', qty: cu * c.hours, assumption: `${cu} capacity units average (at least the autoscale minimum)` },
    ];
  },
  azurerm_public_ip: (r, c) => [hourly(`publicip.${s(r.attrs.sku ?? 'Standard').toLowerCase()}.${s(r.attrs.allocation_method ?? 'Static').toLowerCase()}.hour`, `${s(r.attrs.sku ?? 'Standard')} ${s(r.attrs.allocation_method ?? 'Static')}`, 1, c)],
  azurerm_nat_gateway: (_r, c) => [
    hourly('natgateway.hour', 'NAT gateway', 1, c),
    { key: 'natgateway.gb', sku: 'data processed', qty: c.a.nat_gb, assumption: `${c.a.nat_gb} GB/month` },
  ],
  azurerm_network_ddos_protection_plan: () => [{ key: 'ddos.network_protection.month', sku: 'DDoS Network Protection (up to 100 public IPs)', qty: 1 }],
  azurerm_firewall: (r, c) => [
    hourly(`firewall.${s(r.attrs.sku_tier).toLowerCase()}.hour`, `${s(r.attrs.sku_tier)} deployment`, 1, c),
    { key: `firewall.${s(r.attrs.sku_tier).toLowerCase()}.gb`, sku: 'data processed', qty: c.a.firewall_gb, assumption: `${c.a.firewall_gb} GB/month` },
  ],
  azurerm_bastion_host: (r, c) => [hourly(`bastion.${s(r.attrs.sku ?? 'Basic').toLowerCase()}.hour`, s(r.attrs.sku ?? 'Basic'), 1, c)],
  azurerm_linux_virtual_machine_scale_set: (r, c) => [hourly(`vm.linux.${s(r.attrs.sku)}`, s(r.attrs.sku), Math.max(1, n(r.attrs.instances, 1)), c)],
  azurerm_linux_virtual_machine: (r, c) => {
    const size = s(r.attrs.size);
    const disk = str(get(r.attrs, 'os_disk.storage_account_type')) ?? 'Premium_LRS';
    const gb = n(get(r.attrs, 'os_disk.disk_size_gb'), 30);
    return [hourly(`vm.linux.${size}`, size, 1, c), { key: `disk.${diskTier(disk, gb)}`, sku: `OS disk ${disk} ${gb} GB (${diskTier(disk, gb)})`, qty: 1 }];
  },
  azurerm_managed_disk: (r) => {
    const t = diskTier(s(r.attrs.storage_account_type), n(r.attrs.disk_size_gb, 32));
    return [{ key: `disk.${t}`, sku: `${s(r.attrs.storage_account_type)} ${n(r.attrs.disk_size_gb, 32)} GB (${t})`, qty: 1 }];
  },
  azurerm_container_app: (r, c) => {
    const cpu = n(get(r.attrs, 'template.container.cpu'), 0.5);
    const mem = parseFloat(s(get(r.attrs, 'template.container.memory') ?? '1Gi'));
    const reps = Math.max(1, n(get(r.attrs, 'template.min_replicas'), 0));
    const secs = reps * c.hours * 3600;
    return [
      { key: 'containerapps.consumption.vcpu_s', sku: `${cpu} vCPU`, qty: cpu * secs, assumption: `${reps} replica(s) active ${c.hours} h/month (max(min_replicas, 1))` },
      { key: 'containerapps.consumption.gib_s', sku: `${mem} GiB`, qty: mem * secs, assumption: `${reps} replica(s) active ${c.hours} h/month` },
    ];
  },
  azurerm_function_app_flex_consumption: (_r, c) => [{ key: 'functions.flex.gb_s', sku: 'Flex Consumption GB-s', qty: c.a.function_gb_seconds, assumption: `${c.a.function_gb_seconds} GB-s/month` }],
  azurerm_mssql_database: (r, c) => {
    const sku = s(r.attrs.sku_name);
    if (sku.startsWith('GP_S_')) {
      const vcores = n(sku.split('_').pop(), 1);
      return [
        { key: `sql.serverless.${sku.split('_').slice(0, 3).join('_')}.vcore_hour`, sku, qty: vcores * c.a.sql_serverless_active_hours, assumption: `${c.a.sql_serverless_active_hours} active h/month at max vCores` },
        { key: 'sql.storage_gb', sku: 'storage', qty: n(r.attrs.max_size_gb, 32) },
      ];
    }
    return [{ key: `sql.${sku}.month`, sku, qty: 1 }];
  },
  azurerm_cosmosdb_account: (r, c) => {
    const caps = (Array.isArray(r.attrs.capabilities) ? r.attrs.capabilities : [r.attrs.capabilities]).map((x) => str(get(x, 'name')));
    if (caps.includes('EnableServerless')) {
      return [
        { key: 'cosmosdb.serverless.ru_million', sku: 'serverless request units', qty: c.a.cosmos_ru_million, assumption: `${c.a.cosmos_ru_million} M RU/month` },
        { key: 'cosmosdb.storage_gb', sku: 'storage', qty: c.a.cosmos_gb, assumption: `${c.a.cosmos_gb} GB` },
      ];
    }
    return [{ key: 'cosmosdb.provisioned.100ru_hour', sku: 'provisioned throughput', qty: 4 * c.hours, assumption: `400 RU/s × ${c.hours} h/month (the minimum; databases may set more)` }];
  },
  azurerm_static_web_app: (r) => [{ key: `staticwebapp.${s(r.attrs.sku_tier ?? 'Free').toLowerCase()}.month`, sku: s(r.attrs.sku_tier ?? 'Free'), qty: 1 }],
  azurerm_api_management: (r, c) => {
    const [tier, units] = s(r.attrs.sku_name).split('_');
    if (tier === 'Consumption') return [{ key: 'apim.consumption.calls_million', sku: 'Consumption calls', qty: c.a.apim_calls_million, assumption: `${c.a.apim_calls_million} M calls/month` }];
    return [{ key: `apim.${tier.toLowerCase()}.unit_month`, sku: `${tier} × ${n(units, 1)} unit(s)`, qty: n(units, 1) }];
  },
  azurerm_servicebus_namespace: (r, c) => {
    const sku = s(r.attrs.sku);
    if (sku === 'Premium') return [hourly('servicebus.premium.mu_hour', 'Premium messaging unit', Math.max(1, n(r.attrs.capacity, 1)), c)];
    if (sku === 'Standard') return [hourly('servicebus.standard.base_hour', 'Standard base', 1, c)];
    return [{ key: 'servicebus.basic.operations_million', sku: 'Basic operations', qty: c.a.servicebus_operations_million, assumption: `${c.a.servicebus_operations_million} M operations/month` }];
  },
  azurerm_data_factory: (_r, c) => [
    { key: 'datafactory.orchestration_1000_runs', sku: 'activity runs (Azure IR)', qty: c.a.adf_activity_runs_thousand, assumption: `${c.a.adf_activity_runs_thousand * 1000} runs/month` },
    { key: 'datafactory.data_movement_diu_hour', sku: 'data movement', qty: c.a.adf_diu_hours, assumption: `${c.a.adf_diu_hours} DIU-hours/month` },
  ],
  azurerm_cognitive_deployment: (r, c) => {
    const model = s(get(r.attrs, 'model.name'));
    return [
      { key: `openai.${model}.input_million`, sku: `${model} input tokens`, qty: c.a.openai_input_tokens_million, assumption: `${c.a.openai_input_tokens_million} M tokens/month` },
      { key: `openai.${model}.output_million`, sku: `${model} output tokens`, qty: c.a.openai_output_tokens_million, assumption: `${c.a.openai_output_tokens_million} M tokens/month` },
    ];
  },
  azurerm_monitor_metric_alert: () => [{ key: 'monitor.metric_alert.time_series', sku: 'metric alert (1 time series)', qty: 1 }],
  azurerm_monitor_scheduled_query_rules_alert_v2: () => [{ key: 'monitor.log_alert', sku: 'log alert (15 min)', qty: 1 }],
};

/** Stack-wide usage lines for AWS services priced by request volume rather than per resource. */
export function stackMeters(st: Stack, c: Ctx): Array<{ item: string; meter: Meter }> {
  const out: Array<{ item: string; meter: Meter }> = [];
  if (st.cloud !== 'aws') return out;
  const buckets = st.resources.filter((r) => r.type === 'aws_s3_bucket').length;
  if (buckets > 0) out.push({ item: `S3 storage (${buckets} buckets)`, meter: { key: 's3.standard.gb', sku: 'S3 Standard', qty: c.a.s3_gb, assumption: `${c.a.s3_gb} GB in total` } });
  const q = st.resources.filter((r) => r.type === 'aws_sqs_queue' || r.type === 'aws_sns_topic').length;
  if (q > 0) out.push({ item: `SQS / SNS requests (${q} queues and topics)`, meter: { key: 'sqs.requests_million', sku: 'standard requests', qty: c.a.sqs_requests_million, assumption: `${c.a.sqs_requests_million} M requests/month` } });
  return out;
}

/** Azure managed-disk tier for a size (the smallest tier that holds it). */
export function diskTier(type: string, gb: number): string {
  const sizes: Array<[number, string]> = [[4, '1'], [8, '2'], [16, '3'], [32, '4'], [64, '6'], [128, '10'], [256, '15'], [512, '20'], [1024, '30'], [2048, '40']];
  const prefix = type.startsWith('Premium') ? 'P' : type.startsWith('StandardSSD') ? 'E' : 'S';
  const t = sizes.find(([g]) => gb <= g)?.[1] ?? '50';
  return `${prefix}${prefix === 'S' && Number(t) < 4 ? '4' : t}`;
}
