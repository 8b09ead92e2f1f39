/**
 * One failing and one passing Terraform JSON per rule of both packs, as
 * synthesized attributes (snake_case, blocks as objects or lists, references
 * as `${type.name.attr}`). rules.test.ts runs every case and checks that the
 * table covers every rule.
 */
import { Stage } from '../../lib/policy';

export type Tf = { resource: Record<string, Record<string, Record<string, unknown>>> };
export interface RuleCase {
  readonly bad: Tf;
  readonly good: Tf;
  readonly stage?: Stage;
  readonly settings?: Record<string, unknown>;
}

type Res = [type: string, attrs: Record<string, unknown>, name?: string];
/** Terraform JSON from `[type, attrs, name = 'x']` entries. */
export function tf(...rs: Res[]): Tf {
  const out: Tf = { resource: {} };
  for (const [type, attrs, name = 'x'] of rs) (out.resource[type] ??= {})[name] = attrs;
  return out;
}

const PROD: Stage = 'production';
const policy = (doc: unknown) => JSON.stringify(doc);
const allow = (Action: unknown, Resource: unknown, extra: Record<string, unknown> = {}) => policy({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action, Resource, ...extra }] });
const B = '${aws_s3_bucket.x.id}';
const bucket: Res = ['aws_s3_bucket', { bucket: 'b' }];
const pab = { bucket: B, block_public_acls: true, block_public_policy: true, ignore_public_acls: true, restrict_public_buckets: true };
const tlsPolicy = policy({ Statement: [{ Effect: 'Deny', Principal: '*', Action: 's3:*', Resource: '*', Condition: { Bool: { 'aws:SecureTransport': 'false' } } }] });
const db = { engine: 'postgres', storage_encrypted: true, backup_retention_period: 7, deletion_protection: true, multi_az: true, iam_database_authentication_enabled: true };
const redis = { at_rest_encryption_enabled: 'true', transit_encryption_enabled: true, auth_token: '${random_password.x.result}', snapshot_retention_limit: 7 };
const alb = { load_balancer_type: 'application', internal: false, drop_invalid_header_fields: true, enable_deletion_protection: true, access_logs: { enabled: true, bucket: 'logs' } };
const lambda = { dead_letter_config: { target_arn: '${aws_sqs_queue.dlq.arn}' }, reserved_concurrent_executions: 5, tracing_config: { mode: 'Active' }, kms_key_arn: '${aws_kms_key.k.arn}', environment: { variables: { A: '1' } } };
const cf = {
  viewer_certificate: { acm_certificate_arn: 'arn', minimum_protocol_version: 'TLSv1.2_2021' },
  default_cache_behavior: { viewer_protocol_policy: 'redirect-to-https', response_headers_policy_id: 'p' },
  web_acl_id: 'arn:waf',
  logging_config: { bucket: 'logs.s3.amazonaws.com' },
};
const sa = {
  min_tls_version: 'TLS1_2',
  https_traffic_only_enabled: true,
  shared_access_key_enabled: false,
  allow_nested_items_to_be_public: false,
  public_network_access_enabled: false,
  network_rules: { default_action: 'Deny' },
  blob_properties: { delete_retention_policy: { days: 7 } },
  account_replication_type: 'GRS',
};
const kv = { purge_protection_enabled: true, soft_delete_retention_days: 90, public_network_access_enabled: false, rbac_authorization_enabled: true };
const webApp = {
  https_only: true,
  identity: { type: 'SystemAssigned' },
  public_network_access_enabled: false,
  ftp_publish_basic_authentication_enabled: false,
  webdeploy_publish_basic_authentication_enabled: false,
  site_config: { minimum_tls_version: '1.2', ftps_state: 'Disabled', http2_enabled: true, remote_debugging_enabled: false },
};
const nsgRule = (src: string, port: string) => ({ direction: 'Inbound', access: 'Allow', protocol: 'Tcp', source_address_prefix: src, destination_port_range: port });
const S = '${azurerm_storage_account.x.id}';
const mysql = { public_network_access: 'Disabled', geo_redundant_backup_enabled: true };
const mysqlCfg = (name: string, value: string, n = name): Res => ['azurerm_mysql_flexible_server_configuration', { server_name: '${azurerm_mysql_flexible_server.x.name}', resource_group_name: 'rg', name, value }, n];
const pgCfg = (name: string, value: string, n = name): Res => ['azurerm_postgresql_flexible_server_configuration', { server_id: '${azurerm_postgresql_flexible_server.x.id}', name, value }, n];
const agw = {
  sku: { name: 'WAF_v2', tier: 'WAF_v2' },
  firewall_policy_id: '${azurerm_web_application_firewall_policy.p.id}',
  ssl_policy: { policy_type: 'Predefined', policy_name: 'AppGwSslPolicy20220101' },
  http_listener: [{ name: 'https', protocol: 'Https' }],
};

export const RULE_CASES: Record<string, RuleCase> = {
  // ------------------------------------------------------------------ AWS
  'AWS-S3-001': { bad: tf(bucket), good: tf(bucket, ['aws_s3_bucket_public_access_block', pab]) },
  'AWS-S3-002': { bad: tf(['aws_s3_bucket_public_access_block', { ...pab, block_public_policy: false }]), good: tf(['aws_s3_bucket_public_access_block', pab]) },
  'AWS-S3-003': { bad: tf(bucket), good: tf(bucket, ['aws_s3_bucket_server_side_encryption_configuration', { bucket: B, rule: [{ apply_server_side_encryption_by_default: { sse_algorithm: 'aws:kms' } }] }]) },
  'AWS-S3-004': { bad: tf(bucket, ['aws_s3_bucket_policy', { bucket: B, policy: allow('s3:GetObject', '*', { Principal: { Service: 'x' } }) }]), good: tf(bucket, ['aws_s3_bucket_policy', { bucket: B, policy: tlsPolicy }]) },
  'AWS-S3-005': { bad: tf(bucket, ['aws_s3_bucket_versioning', { bucket: B, versioning_configuration: { status: 'Suspended' } }]), good: tf(bucket, ['aws_s3_bucket_versioning', { bucket: B, versioning_configuration: { status: 'Enabled' } }]) },
  'AWS-S3-006': { bad: tf(['aws_s3_bucket_acl', { bucket: B, acl: 'public-read' }]), good: tf(['aws_s3_bucket_acl', { bucket: B, acl: 'private' }]) },
  'AWS-S3-007': { bad: tf(bucket, ['aws_s3_bucket_ownership_controls', { bucket: B, rule: { object_ownership: 'ObjectWriter' } }]), good: tf(bucket, ['aws_s3_bucket_ownership_controls', { bucket: B, rule: { object_ownership: 'BucketOwnerEnforced' } }]) },
  'AWS-S3-008': {
    bad: tf(bucket, ['aws_s3_bucket_server_side_encryption_configuration', { bucket: B, rule: [{ apply_server_side_encryption_by_default: { sse_algorithm: 'AES256' } }] }]),
    good: tf(bucket, ['aws_s3_bucket_server_side_encryption_configuration', { bucket: B, rule: [{ apply_server_side_encryption_by_default: { sse_algorithm: 'aws:kms', kms_master_key_id: '${aws_kms_key.k.arn}' } }] }]),
  },
  'AWS-S3-009': { bad: tf(bucket), good: tf(bucket, ['aws_s3_bucket_logging', { bucket: B, target_bucket: 'logs' }]) },
  'AWS-S3-010': { bad: tf(['aws_s3_bucket_policy', { policy: allow('s3:GetObject', '*', { Principal: '*' }) }]), good: tf(['aws_s3_bucket_policy', { policy: allow('s3:GetObject', '*', { Principal: '*', Condition: { StringEquals: { 'aws:SourceArn': 'arn' } } }) }]) },
  'AWS-RDS-001': { bad: tf(['aws_db_instance', { ...db, storage_encrypted: false }]), good: tf(['aws_db_instance', db]) },
  'AWS-RDS-002': { bad: tf(['aws_db_instance', { ...db, backup_retention_period: 1 }]), good: tf(['aws_db_instance', db]) },
  'AWS-RDS-003': { stage: PROD, bad: tf(['aws_db_instance', { ...db, deletion_protection: false }]), good: tf(['aws_db_instance', db]) },
  'AWS-RDS-004': { bad: tf(['aws_db_instance', { ...db, publicly_accessible: true }]), good: tf(['aws_db_instance', { ...db, publicly_accessible: false }]) },
  'AWS-RDS-005': { stage: PROD, bad: tf(['aws_db_instance', { ...db, multi_az: false }]), good: tf(['aws_db_instance', db]) },
  'AWS-RDS-006': { bad: tf(['aws_db_instance', { ...db, iam_database_authentication_enabled: false }]), good: tf(['aws_db_instance', db]) },
  'AWS-RDS-007': { bad: tf(['aws_db_instance', { ...db, auto_minor_version_upgrade: false }]), good: tf(['aws_db_instance', { ...db, auto_minor_version_upgrade: true }]) },
  'AWS-EC-001': { bad: tf(['aws_elasticache_replication_group', { ...redis, at_rest_encryption_enabled: false }]), good: tf(['aws_elasticache_replication_group', redis]) },
  'AWS-EC-002': { bad: tf(['aws_elasticache_replication_group', { ...redis, transit_encryption_enabled: false }]), good: tf(['aws_elasticache_replication_group', redis]) },
  'AWS-EC-003': { bad: tf(['aws_elasticache_replication_group', { ...redis, auth_token: undefined }]), good: tf(['aws_elasticache_replication_group', redis]) },
  'AWS-EC-004': { bad: tf(['aws_elasticache_replication_group', { ...redis, snapshot_retention_limit: 0 }]), good: tf(['aws_elasticache_replication_group', redis]) },
  'AWS-ALB-001': {
    bad: tf(['aws_lb_listener', { protocol: 'HTTP', port: 80, default_action: [{ type: 'forward', target_group_arn: 'tg' }] }]),
    good: tf(['aws_lb_listener', { protocol: 'HTTP', port: 80, default_action: [{ type: 'redirect', redirect: { protocol: 'HTTPS', port: '443', status_code: 'HTTP_301' } }] }]),
  },
  'AWS-ALB-002': { bad: tf(['aws_lb_listener', { protocol: 'HTTPS', ssl_policy: 'ELBSecurityPolicy-2016-08' }]), good: tf(['aws_lb_listener', { protocol: 'HTTPS', ssl_policy: 'ELBSecurityPolicy-TLS13-1-2-2021-06' }]) },
  'AWS-ALB-003': { bad: tf(['aws_lb', { ...alb, drop_invalid_header_fields: false }]), good: tf(['aws_lb', alb]) },
  'AWS-ALB-004': { bad: tf(['aws_lb', { ...alb, access_logs: undefined }]), good: tf(['aws_lb', alb]) },
  'AWS-ALB-005': { stage: PROD, bad: tf(['aws_lb', { ...alb, enable_deletion_protection: false }]), good: tf(['aws_lb', alb]) },
  'AWS-WAF-001': { stage: PROD, bad: tf(['aws_lb', alb]), good: tf(['aws_lb', alb], ['aws_wafv2_web_acl_association', { resource_arn: '${aws_lb.x.arn}', web_acl_arn: 'arn' }]) },
  'AWS-WAF-002': { bad: tf(['aws_wafv2_web_acl', { rule: [] }]), good: tf(['aws_wafv2_web_acl', { rule: [] }], ['aws_wafv2_web_acl_logging_configuration', { resource_arn: '${aws_wafv2_web_acl.x.arn}' }]) },
  'AWS-WAF-003': {
    bad: tf(['aws_wafv2_web_acl', { rule: [{ name: 'rate' }] }]),
    good: tf(['aws_wafv2_web_acl', { rule: [{ name: 'bad-inputs', statement: { managed_rule_group_statement: { name: 'AWSManagedRulesKnownBadInputsRuleSet' } } }] }]),
  },
  'AWS-SG-001': {
    bad: tf(['aws_vpc_security_group_ingress_rule', { cidr_ipv4: '0.0.0.0/0', ip_protocol: 'tcp', from_port: 22, to_port: 22, description: 'ssh' }]),
    good: tf(['aws_vpc_security_group_ingress_rule', { cidr_ipv4: '0.0.0.0/0', ip_protocol: 'tcp', from_port: 443, to_port: 443, description: 'https' }]),
  },
  'AWS-SG-002': {
    bad: tf(['aws_security_group', { description: 'd', ingress: [{ cidr_blocks: ['0.0.0.0/0'], protocol: 'tcp', from_port: 3389, to_port: 3389 }] }]),
    good: tf(['aws_security_group', { description: 'd', ingress: [{ cidr_blocks: ['10.0.0.0/8'], protocol: 'tcp', from_port: 3389, to_port: 3389 }] }]),
  },
  'AWS-SG-003': {
    bad: tf(['aws_vpc', { cidr_block: '10.0.0.0/16' }], ['aws_default_security_group', { vpc_id: '${aws_vpc.x.id}', ingress: [{ protocol: '-1', self: true, from_port: 0, to_port: 0 }] }]),
    good: tf(['aws_vpc', { cidr_block: '10.0.0.0/16' }], ['aws_default_security_group', { vpc_id: '${aws_vpc.x.id}' }]),
  },
  'AWS-SG-004': { bad: tf(['aws_security_group', { name: 'sg' }]), good: tf(['aws_security_group', { name: 'sg', description: 'web tier' }]) },
  'AWS-IAM-001': { bad: tf(['aws_iam_policy', { policy: allow('*', '*') }]), good: tf(['aws_iam_policy', { policy: allow('s3:GetObject', 'arn:aws:s3:::b/*') }]) },
  'AWS-IAM-002': { bad: tf(['aws_iam_role_policy', { policy: allow('*', 'arn:aws:s3:::b') }]), good: tf(['aws_iam_role_policy', { policy: allow(['s3:GetObject'], 'arn:aws:s3:::b') }]) },
  'AWS-IAM-003': {
    bad: tf(['aws_iam_role', { assume_role_policy: allow('sts:AssumeRole', undefined, { Principal: { AWS: '*' } }) }]),
    good: tf(['aws_iam_role', { assume_role_policy: allow('sts:AssumeRole', undefined, { Principal: { Service: 'lambda.amazonaws.com' } }) }]),
  },
  'AWS-IAM-004': { bad: tf(['aws_iam_user_policy_attachment', { user: 'bob', policy_arn: 'arn:aws:iam::aws:policy/ReadOnlyAccess' }]), good: tf(['aws_iam_group_policy_attachment', { group: 'ops', policy_arn: 'arn:aws:iam::aws:policy/ReadOnlyAccess' }]) },
  'AWS-IAM-005': {
    bad: tf(['aws_iam_role_policy_attachment', { role: 'r', policy_arn: 'arn:aws:iam::aws:policy/AdministratorAccess' }]),
    good: tf(['aws_iam_role_policy_attachment', { role: 'r', policy_arn: 'arn:aws:iam::aws:policy/ReadOnlyAccess' }]),
  },
  'AWS-CW-001': { bad: tf(['aws_cloudwatch_log_group', { name: 'g', kms_key_id: 'k' }]), good: tf(['aws_cloudwatch_log_group', { name: 'g', kms_key_id: 'k', retention_in_days: 30 }]) },
  'AWS-CW-002': { bad: tf(['aws_cloudwatch_log_group', { name: 'g', retention_in_days: 30 }]), good: tf(['aws_cloudwatch_log_group', { name: 'g', retention_in_days: 365 }]) },
  'AWS-CW-003': { bad: tf(['aws_cloudwatch_log_group', { name: 'g' }]), good: tf(['aws_cloudwatch_log_group', { name: 'g', kms_key_id: '${aws_kms_key.k.arn}' }]) },
  'AWS-KMS-001': { bad: tf(['aws_kms_key', { enable_key_rotation: false }]), good: tf(['aws_kms_key', { enable_key_rotation: true }]) },
  'AWS-SM-001': { bad: tf(['aws_secretsmanager_secret', { name: 's' }]), good: tf(['aws_secretsmanager_secret', { name: 's', kms_key_id: '${aws_kms_key.k.arn}' }]) },
  'AWS-EC2-001': { bad: tf(['aws_instance', { metadata_options: { http_tokens: 'optional' } }]), good: tf(['aws_launch_template', { metadata_options: { http_tokens: 'required' } }]) },
  'AWS-EC2-002': { bad: tf(['aws_ebs_volume', { size: 10 }]), good: tf(['aws_ebs_volume', { size: 10, encrypted: true }]) },
  'AWS-EC2-003': { bad: tf(['aws_instance', { associate_public_ip_address: true }]), good: tf(['aws_instance', { associate_public_ip_address: false }]) },
  'AWS-VPC-001': { bad: tf(['aws_vpc', { cidr_block: '10.0.0.0/16' }]), good: tf(['aws_vpc', { cidr_block: '10.0.0.0/16' }], ['aws_flow_log', { vpc_id: '${aws_vpc.x.id}' }]) },
  'AWS-VPC-002': { bad: tf(['aws_subnet', { map_public_ip_on_launch: true }]), good: tf(['aws_subnet', { map_public_ip_on_launch: false }]) },
  'AWS-ECR-001': { bad: tf(['aws_ecr_repository', { image_scanning_configuration: { scan_on_push: false } }]), good: tf(['aws_ecr_repository', { image_scanning_configuration: { scan_on_push: true } }]) },
  'AWS-ECR-002': { bad: tf(['aws_ecr_repository', { image_tag_mutability: 'MUTABLE' }]), good: tf(['aws_ecr_repository', { image_tag_mutability: 'IMMUTABLE' }]) },
  'AWS-ECR-003': { bad: tf(['aws_ecr_repository', { encryption_configuration: [{ encryption_type: 'AES256' }] }]), good: tf(['aws_ecr_repository', { encryption_configuration: [{ encryption_type: 'KMS' }] }]) },
  'AWS-ECS-001': { bad: tf(['aws_ecs_service', { network_configuration: { assign_public_ip: true } }]), good: tf(['aws_ecs_service', { network_configuration: { assign_public_ip: false } }]) },
  'AWS-ECS-002': { bad: tf(['aws_ecs_cluster', { name: 'c' }]), good: tf(['aws_ecs_cluster', { name: 'c', setting: [{ name: 'containerInsights', value: 'enabled' }] }]) },
  'AWS-ECS-003': {
    bad: tf(['aws_ecs_task_definition', { container_definitions: JSON.stringify([{ name: 'a', privileged: true }]) }]),
    good: tf(['aws_ecs_task_definition', { container_definitions: JSON.stringify([{ name: 'a', privileged: false }]) }]),
  },
  'AWS-CF-001': { bad: tf(['aws_cloudfront_distribution', { ...cf, viewer_certificate: { cloudfront_default_certificate: true } }]), good: tf(['aws_cloudfront_distribution', cf]) },
  'AWS-CF-002': {
    bad: tf(['aws_cloudfront_distribution', { ...cf, ordered_cache_behavior: [{ path_pattern: '/api/*', viewer_protocol_policy: 'allow-all' }] }]),
    good: tf(['aws_cloudfront_distribution', { ...cf, ordered_cache_behavior: [{ path_pattern: '/api/*', viewer_protocol_policy: 'https-only' }] }]),
  },
  'AWS-CF-003': { stage: PROD, bad: tf(['aws_cloudfront_distribution', { ...cf, web_acl_id: undefined }]), good: tf(['aws_cloudfront_distribution', cf]) },
  'AWS-CF-004': {
    bad: tf(['aws_cloudfront_distribution', { ...cf, logging_config: undefined }]),
    good: tf(['aws_cloudfront_distribution', { ...cf, logging_config: undefined }], ['aws_cloudwatch_log_delivery_source', { resource_arn: '${aws_cloudfront_distribution.x.arn}', log_type: 'ACCESS_LOGS' }]),
  },
  'AWS-CF-005': { bad: tf(['aws_cloudfront_distribution', { ...cf, default_cache_behavior: { viewer_protocol_policy: 'redirect-to-https' } }]), good: tf(['aws_cloudfront_distribution', cf]) },
  'AWS-LAMBDA-001': { bad: tf(['aws_lambda_function', { ...lambda, dead_letter_config: undefined }]), good: tf(['aws_lambda_function', lambda]) },
  'AWS-LAMBDA-002': { bad: tf(['aws_lambda_function', { ...lambda, reserved_concurrent_executions: undefined }]), good: tf(['aws_lambda_function', lambda]) },
  'AWS-LAMBDA-003': { bad: tf(['aws_lambda_function', { ...lambda, tracing_config: { mode: 'PassThrough' } }]), good: tf(['aws_lambda_function', lambda]) },
  'AWS-LAMBDA-004': { bad: tf(['aws_lambda_function', { ...lambda, kms_key_arn: undefined }]), good: tf(['aws_lambda_function', lambda]) },
  'AWS-SQS-001': { bad: tf(['aws_sqs_queue', { name: 'q', sqs_managed_sse_enabled: false }]), good: tf(['aws_sqs_queue', { name: 'q', kms_master_key_id: '${aws_kms_key.k.arn}' }]) },
  'AWS-SNS-001': { bad: tf(['aws_sns_topic', { name: 't' }]), good: tf(['aws_sns_topic', { name: 't', kms_master_key_id: 'alias/k' }]) },
  'AWS-SQS-002': {
    bad: tf(['aws_sqs_queue_policy', { policy: allow('sqs:SendMessage', 'arn', { Principal: '*' }) }]),
    good: tf(['aws_sqs_queue_policy', { policy: allow('sqs:SendMessage', 'arn', { Principal: { Service: 'sns.amazonaws.com' } }) }]),
  },
  'AWS-DDB-001': { bad: tf(['aws_dynamodb_table', { name: 't' }]), good: tf(['aws_dynamodb_table', { name: 't', point_in_time_recovery: { enabled: true } }]) },
  'AWS-DDB-002': { bad: tf(['aws_dynamodb_table', { name: 't' }]), good: tf(['aws_dynamodb_table', { name: 't', server_side_encryption: { enabled: true, kms_key_arn: 'k' } }]) },
  'AWS-PROT-001': { stage: PROD, bad: tf(['aws_db_instance', db]), good: tf(['aws_db_instance', { ...db, lifecycle: { prevent_destroy: true } }]) },
  'AWS-PROT-002': { stage: PROD, bad: tf(['aws_s3_bucket', { bucket: 'b', force_destroy: true }]), good: tf(['aws_s3_bucket', { bucket: 'b', force_destroy: false }]) },
  // ------------------------------------------------------------------ Azure
  'AZ-ST-001': { bad: tf(['azurerm_storage_account', { ...sa, min_tls_version: 'TLS1_0' }]), good: tf(['azurerm_storage_account', sa]) },
  'AZ-ST-002': { bad: tf(['azurerm_storage_account', { ...sa, https_traffic_only_enabled: false }]), good: tf(['azurerm_storage_account', sa]) },
  'AZ-ST-003': { bad: tf(['azurerm_storage_account', { ...sa, shared_access_key_enabled: undefined }]), good: tf(['azurerm_storage_account', sa]) },
  'AZ-ST-004': { bad: tf(['azurerm_storage_account', { ...sa, allow_nested_items_to_be_public: true }]), good: tf(['azurerm_storage_account', sa]) },
  'AZ-ST-005': { bad: tf(['azurerm_storage_account', { ...sa, public_network_access_enabled: true }]), good: tf(['azurerm_storage_account', sa]) },
  'AZ-ST-006': {
    bad: tf(['azurerm_storage_account', { ...sa, network_rules: { default_action: 'Allow' } }]),
    good: tf(['azurerm_storage_account', { ...sa, network_rules: undefined }], ['azurerm_storage_account_network_rules', { storage_account_id: S, default_action: 'Deny' }]),
  },
  'AZ-ST-007': { bad: tf(['azurerm_storage_container', { name: 'c', container_access_type: 'container' }]), good: tf(['azurerm_storage_container', { name: 'c', container_access_type: 'private' }]) },
  'AZ-ST-008': { bad: tf(['azurerm_storage_account', { ...sa, blob_properties: undefined }]), good: tf(['azurerm_storage_account', sa]) },
  'AZ-ST-009': { stage: PROD, bad: tf(['azurerm_storage_account', { ...sa, account_replication_type: 'LRS' }]), good: tf(['azurerm_storage_account', sa]) },
  'AZ-KV-001': { bad: tf(['azurerm_key_vault', { ...kv, purge_protection_enabled: false }]), good: tf(['azurerm_key_vault', kv]) },
  'AZ-KV-002': { bad: tf(['azurerm_key_vault', { ...kv, soft_delete_retention_days: 3 }]), good: tf(['azurerm_key_vault', kv]) },
  'AZ-KV-003': { bad: tf(['azurerm_key_vault', { ...kv, public_network_access_enabled: true, network_acls: { default_action: 'Allow' } }]), good: tf(['azurerm_key_vault', { ...kv, public_network_access_enabled: true, network_acls: { default_action: 'Deny' } }]) },
  'AZ-KV-004': { bad: tf(['azurerm_key_vault', { ...kv, rbac_authorization_enabled: false }]), good: tf(['azurerm_key_vault', kv]) },
  'AZ-KV-005': { bad: tf(['azurerm_key_vault_secret', { name: 's' }]), good: tf(['azurerm_key_vault_secret', { name: 's', expiration_date: '2027-01-01T00:00:00Z' }]) },
  'AZ-DIAG-001': { bad: tf(['azurerm_key_vault', kv]), good: tf(['azurerm_key_vault', kv], ['azurerm_monitor_diagnostic_setting', { target_resource_id: '${azurerm_key_vault.x.id}' }]) },
  'AZ-NET-001': {
    settings: { privateEndpoints: true },
    bad: tf(['azurerm_key_vault', kv]),
    good: tf(['azurerm_key_vault', kv], ['azurerm_private_endpoint', { private_service_connection: { private_connection_resource_id: '${azurerm_key_vault.x.id}' } }]),
  },
  'AZ-ID-001': { bad: tf(['azurerm_linux_web_app', { ...webApp, identity: undefined }]), good: tf(['azurerm_linux_web_app', webApp]) },
  'AZ-ID-002': { bad: tf(['azurerm_container_registry', { admin_enabled: true }]), good: tf(['azurerm_container_registry', { admin_enabled: false }]) },
  'AZ-ID-003': { bad: tf(['azurerm_cosmosdb_account', { local_authentication_disabled: false }]), good: tf(['azurerm_cosmosdb_account', { local_authentication_disabled: true }]) },
  'AZ-ID-004': { bad: tf(['azurerm_servicebus_namespace', { sku: 'Premium' }]), good: tf(['azurerm_servicebus_namespace', { sku: 'Premium', local_auth_enabled: false }]) },
  'AZ-ID-005': {
    bad: tf(['azurerm_linux_function_app', { ...webApp, storage_account_access_key: '${azurerm_storage_account.s.primary_access_key}' }]),
    good: tf(['azurerm_linux_function_app', { ...webApp, storage_uses_managed_identity: true }]),
  },
  'AZ-NSG-001': { bad: tf(['azurerm_network_security_rule', nsgRule('*', '22')]), good: tf(['azurerm_network_security_rule', nsgRule('Internet', '443')]) },
  'AZ-NSG-002': {
    bad: tf(['azurerm_network_security_group', { security_rule: [nsgRule('Internet', '3389')] }]),
    good: tf(['azurerm_network_security_group', { security_rule: [nsgRule('10.0.0.0/24', '3389')] }]),
  },
  'AZ-LOCK-001': {
    stage: PROD,
    bad: tf(['azurerm_key_vault', kv]),
    good: tf(['azurerm_key_vault', kv], ['azurerm_management_lock', { scope: '${azurerm_key_vault.x.id}', lock_level: 'CanNotDelete' }]),
  },
  'AZ-PROT-001': { stage: PROD, bad: tf(['azurerm_key_vault', kv]), good: tf(['azurerm_key_vault', { ...kv, lifecycle: { prevent_destroy: true } }]) },
  'AZ-SQL-001': { bad: tf(['azurerm_mssql_server', { minimum_tls_version: '1.0' }]), good: tf(['azurerm_mssql_server', { minimum_tls_version: '1.2' }]) },
  'AZ-SQL-002': { bad: tf(['azurerm_mssql_server', { public_network_access_enabled: true }]), good: tf(['azurerm_mssql_server', { public_network_access_enabled: false }]) },
  'AZ-SQL-003': { bad: tf(['azurerm_mssql_server', {}]), good: tf(['azurerm_mssql_server', {}], ['azurerm_mssql_server_extended_auditing_policy', { server_id: '${azurerm_mssql_server.x.id}', log_monitoring_enabled: true }]) },
  'AZ-SQL-004': { bad: tf(['azurerm_mssql_server', { azuread_administrator: { login_username: 'a' } }]), good: tf(['azurerm_mssql_server', { azuread_administrator: { login_username: 'a', azuread_authentication_only: true } }]) },
  'AZ-MYSQL-001': { bad: tf(['azurerm_mysql_flexible_server', mysql], mysqlCfg('require_secure_transport', 'OFF')), good: tf(['azurerm_mysql_flexible_server', mysql], mysqlCfg('tls_version', 'TLSv1.2,TLSv1.3')) },
  'AZ-MYSQL-002': { bad: tf(['azurerm_mysql_flexible_server', mysql]), good: tf(['azurerm_mysql_flexible_server', mysql], mysqlCfg('audit_log_enabled', 'ON')) },
  'AZ-MYSQL-003': { bad: tf(['azurerm_mysql_flexible_server', { ...mysql, public_network_access: 'Enabled' }]), good: tf(['azurerm_mysql_flexible_server', mysql]) },
  'AZ-PG-001': { bad: tf(['azurerm_postgresql_flexible_server', { public_network_access_enabled: true }]), good: tf(['azurerm_postgresql_flexible_server', { public_network_access_enabled: false }]) },
  'AZ-PG-002': { bad: tf(['azurerm_postgresql_flexible_server', {}], pgCfg('ssl_min_protocol_version', 'TLSv1.1')), good: tf(['azurerm_postgresql_flexible_server', {}], pgCfg('ssl_min_protocol_version', 'TLSv1.2')) },
  'AZ-PG-003': { bad: tf(['azurerm_postgresql_flexible_server', {}], pgCfg('log_connections', 'off')), good: tf(['azurerm_postgresql_flexible_server', {}], pgCfg('log_connections', 'on')) },
  'AZ-DB-001': { stage: PROD, bad: tf(['azurerm_postgresql_flexible_server', { geo_redundant_backup_enabled: false }]), good: tf(['azurerm_postgresql_flexible_server', { geo_redundant_backup_enabled: true }]) },
  'AZ-COSMOS-001': { bad: tf(['azurerm_cosmosdb_account', { public_network_access_enabled: true }]), good: tf(['azurerm_cosmosdb_account', { public_network_access_enabled: false }]) },
  'AZ-COSMOS-002': { bad: tf(['azurerm_cosmosdb_account', { minimal_tls_version: 'Tls' }]), good: tf(['azurerm_cosmosdb_account', { minimal_tls_version: 'Tls12' }]) },
  'AZ-REDIS-001': { bad: tf(['azurerm_redis_cache', { non_ssl_port_enabled: true, minimum_tls_version: '1.2' }]), good: tf(['azurerm_redis_cache', { non_ssl_port_enabled: false, minimum_tls_version: '1.2' }]) },
  'AZ-REDIS-002': { bad: tf(['azurerm_redis_cache', { public_network_access_enabled: true }]), good: tf(['azurerm_redis_cache', { public_network_access_enabled: false }]) },
  'AZ-SB-001': { bad: tf(['azurerm_servicebus_namespace', { minimum_tls_version: '1.0' }]), good: tf(['azurerm_servicebus_namespace', { minimum_tls_version: '1.2' }]) },
  'AZ-SB-002': { bad: tf(['azurerm_servicebus_namespace', { public_network_access_enabled: true }]), good: tf(['azurerm_servicebus_namespace', { public_network_access_enabled: false }]) },
  'AZ-ACR-001': { bad: tf(['azurerm_container_registry', { public_network_access_enabled: true }]), good: tf(['azurerm_container_registry', { public_network_access_enabled: false }]) },
  'AZ-ACR-002': { bad: tf(['azurerm_container_registry', { anonymous_pull_enabled: true }]), good: tf(['azurerm_container_registry', { anonymous_pull_enabled: false }]) },
  'AZ-APP-001': { bad: tf(['azurerm_linux_web_app', { ...webApp, https_only: false }]), good: tf(['azurerm_linux_web_app', webApp]) },
  'AZ-APP-002': { bad: tf(['azurerm_windows_web_app', { ...webApp, site_config: { minimum_tls_version: '1.0' } }]), good: tf(['azurerm_windows_web_app', webApp]) },
  'AZ-APP-003': { bad: tf(['azurerm_linux_web_app', { ...webApp, site_config: { ftps_state: 'AllAllowed' } }]), good: tf(['azurerm_linux_web_app', webApp]) },
  'AZ-APP-004': { bad: tf(['azurerm_linux_web_app', { ...webApp, site_config: { remote_debugging_enabled: true } }]), good: tf(['azurerm_linux_web_app', webApp]) },
  'AZ-APP-005': { bad: tf(['azurerm_linux_web_app', { ...webApp, public_network_access_enabled: true }]), good: tf(['azurerm_linux_web_app', webApp]) },
  'AZ-APP-006': { bad: tf(['azurerm_linux_web_app', { ...webApp, site_config: { http2_enabled: false } }]), good: tf(['azurerm_linux_web_app', webApp]) },
  'AZ-APP-007': { bad: tf(['azurerm_linux_function_app', { ...webApp, ftp_publish_basic_authentication_enabled: true }]), good: tf(['azurerm_linux_function_app', webApp]) },
  'AZ-CA-001': { bad: tf(['azurerm_container_app', { ingress: { allow_insecure_connections: true } }]), good: tf(['azurerm_container_app', { ingress: { allow_insecure_connections: false } }]) },
  'AZ-CA-002': { bad: tf(['azurerm_container_app', { ingress: { external_enabled: true } }]), good: tf(['azurerm_container_app', { ingress: { external_enabled: false } }]) },
  'AZ-CA-003': { bad: tf(['azurerm_container_app_environment', { name: 'e' }]), good: tf(['azurerm_container_app_environment', { name: 'e', infrastructure_subnet_id: '${azurerm_subnet.s.id}' }]) },
  'AZ-SWA-001': { stage: PROD, bad: tf(['azurerm_static_web_app', { sku_tier: 'Standard' }]), good: tf(['azurerm_static_web_app', { sku_tier: 'Standard', preview_environments_enabled: false }]) },
  'AZ-AGW-001': { bad: tf(['azurerm_application_gateway', { ...agw, sku: { name: 'Standard_v2', tier: 'Standard_v2' } }]), good: tf(['azurerm_application_gateway', agw]) },
  'AZ-AGW-002': { bad: tf(['azurerm_application_gateway', { ...agw, ssl_policy: { policy_type: 'Predefined', policy_name: 'AppGwSslPolicy20150501' } }]), good: tf(['azurerm_application_gateway', agw]) },
  'AZ-AGW-003': {
    bad: tf(['azurerm_application_gateway', { ...agw, http_listener: [{ name: 'http', protocol: 'Http' }], request_routing_rule: [{ http_listener_name: 'http', backend_address_pool_name: 'p' }] }]),
    good: tf(['azurerm_application_gateway', { ...agw, http_listener: [{ name: 'http', protocol: 'Http' }], request_routing_rule: [{ http_listener_name: 'http', redirect_configuration_name: 'to-https' }] }]),
  },
  'AZ-FD-001': {
    stage: PROD,
    bad: tf(['azurerm_cdn_frontdoor_profile', { sku_name: 'Premium_AzureFrontDoor' }]),
    good: tf(['azurerm_cdn_frontdoor_profile', { sku_name: 'Premium_AzureFrontDoor' }], ['azurerm_cdn_frontdoor_security_policy', { cdn_frontdoor_profile_id: '${azurerm_cdn_frontdoor_profile.x.id}' }]),
  },
  'AZ-FD-002': {
    bad: tf(['azurerm_cdn_frontdoor_route', { supported_protocols: ['Http', 'Https'], https_redirect_enabled: false, forwarding_protocol: 'HttpsOnly' }]),
    good: tf(['azurerm_cdn_frontdoor_route', { supported_protocols: ['Http', 'Https'], https_redirect_enabled: true, forwarding_protocol: 'HttpsOnly' }]),
  },
  'AZ-APIM-001': { bad: tf(['azurerm_api_management', { security: { frontend_tls10_enabled: true } }]), good: tf(['azurerm_api_management', { security: { frontend_tls10_enabled: false } }]) },
  'AZ-APIM-002': { stage: PROD, bad: tf(['azurerm_api_management', { virtual_network_type: 'None' }]), good: tf(['azurerm_api_management', { virtual_network_type: 'Internal' }]) },
  'AZ-FW-001': { bad: tf(['azurerm_firewall', { sku_tier: 'Standard' }]), good: tf(['azurerm_firewall', { sku_tier: 'Standard', firewall_policy_id: '${azurerm_firewall_policy.p.id}' }]) },
  'AZ-FW-002': { bad: tf(['azurerm_firewall_policy', { threat_intelligence_mode: 'Alert' }]), good: tf(['azurerm_firewall_policy', { threat_intelligence_mode: 'Deny' }]) },
  'AZ-ADF-001': { bad: tf(['azurerm_data_factory', { public_network_enabled: true }]), good: tf(['azurerm_data_factory', { public_network_enabled: false }]) },
  'AZ-ADF-002': { bad: tf(['azurerm_data_factory', { managed_virtual_network_enabled: false }]), good: tf(['azurerm_data_factory', { managed_virtual_network_enabled: true }]) },
  'AZ-AI-001': { bad: tf(['azurerm_cognitive_account', { kind: 'OpenAI', public_network_access_enabled: true }]), good: tf(['azurerm_cognitive_account', { kind: 'OpenAI', public_network_access_enabled: false }]) },
  'AZ-AI-002': { bad: tf(['azurerm_cognitive_account', { kind: 'OpenAI' }]), good: tf(['azurerm_cognitive_account', { kind: 'OpenAI', outbound_network_access_restricted: true }]) },
  'AZ-VM-001': {
    bad: tf(['azurerm_linux_virtual_machine', { disable_password_authentication: false }]),
    good: tf(['azurerm_linux_virtual_machine', { disable_password_authentication: true, admin_ssh_key: [{ username: 'azureuser', public_key: 'ssh-ed25519 AAAA' }] }]),
  },
  'AZ-VM-002': { bad: tf(['azurerm_linux_virtual_machine', { encryption_at_host_enabled: false }]), good: tf(['azurerm_linux_virtual_machine', { encryption_at_host_enabled: true }]) },
  'AZ-VM-003': {
    bad: tf(['azurerm_network_interface', { ip_configuration: [{ name: 'ip', public_ip_address_id: '${azurerm_public_ip.p.id}' }] }]),
    good: tf(['azurerm_network_interface', { ip_configuration: [{ name: 'ip', subnet_id: '${azurerm_subnet.s.id}' }] }]),
  },
  'AZ-LOG-001': { bad: tf(['azurerm_log_analytics_workspace', { retention_in_days: 7 }]), good: tf(['azurerm_log_analytics_workspace', { retention_in_days: 30 }]) },
  // ------------------------------------------------------------------ AWS hygiene
  'AWS-S3-011': { bad: tf(bucket), good: tf(bucket, ['aws_s3_bucket_replication_configuration', { bucket: B, role: 'r' }]) },
  'AWS-S3-012': { bad: tf(bucket), good: tf(bucket, ['aws_s3_bucket_lifecycle_configuration', { bucket: B, rule: [] }]) },
  'AWS-S3-013': { bad: tf(bucket), good: tf(bucket, ['aws_s3_bucket_notification', { bucket: B, eventbridge: true }]) },
  'AWS-RDS-008': { bad: tf(['aws_db_instance', { ...db, monitoring_interval: 0 }]), good: tf(['aws_db_instance', { ...db, monitoring_interval: 60 }]) },
  'AWS-RDS-009': { bad: tf(['aws_db_instance', db]), good: tf(['aws_db_instance', { ...db, enabled_cloudwatch_logs_exports: ['postgresql'] }]) },
  'AWS-RDS-010': { bad: tf(['aws_db_instance', db]), good: tf(['aws_db_instance', { ...db, performance_insights_enabled: true }]) },
  'AWS-RDS-011': { bad: tf(['aws_db_instance', { ...db, copy_tags_to_snapshot: false }]), good: tf(['aws_db_instance', { ...db, copy_tags_to_snapshot: true }]) },
  'AWS-EC-005': { bad: tf(['aws_elasticache_replication_group', redis]), good: tf(['aws_elasticache_replication_group', { ...redis, kms_key_id: '${aws_kms_key.k.arn}' }]) },
  'AWS-EC-006': {
    stage: PROD,
    bad: tf(['aws_elasticache_replication_group', { ...redis, automatic_failover_enabled: true }]),
    good: tf(['aws_elasticache_replication_group', { ...redis, automatic_failover_enabled: true, multi_az_enabled: true }]),
  },
  'AWS-EC2-004': { bad: tf(['aws_instance', { monitoring: false }]), good: tf(['aws_launch_template', { monitoring: { enabled: true } }]) },
  'AWS-EC2-005': { bad: tf(['aws_instance', {}]), good: tf(['aws_instance', { ebs_optimized: true }]) },
  'AWS-EC2-006': { bad: tf(['aws_ebs_volume', { encrypted: true }]), good: tf(['aws_ebs_volume', { encrypted: true, kms_key_id: '${aws_kms_key.k.arn}' }]) },
  'AWS-EC2-007': { bad: tf(['aws_instance', {}]), good: tf(['aws_instance', { iam_instance_profile: '${aws_iam_instance_profile.p.name}' }]) },
  'AWS-SG-005': {
    bad: tf(['aws_security_group', { description: 'd' }], ['aws_vpc_security_group_ingress_rule', { security_group_id: '${aws_security_group.x.id}', cidr_ipv4: '10.0.0.0/8' }, 'in']),
    good: tf(['aws_security_group', { description: 'd' }], ['aws_lb', { security_groups: ['${aws_security_group.x.id}'] }, 'lb']),
  },
  'AWS-IAM-006': { bad: tf(['aws_iam_policy', { policy: allow('iam:*', '*') }]), good: tf(['aws_iam_policy', { policy: allow('iam:PassRole', 'arn:aws:iam::1:role/r') }]) },
  'AWS-KMS-002': { bad: tf(['aws_kms_key', {}]), good: tf(['aws_kms_key', { policy: policy({ Statement: [] }) }]) },
  'AWS-LAMBDA-005': { bad: tf(['aws_lambda_function', lambda]), good: tf(['aws_lambda_function', { ...lambda, vpc_config: { subnet_ids: ['s'], security_group_ids: ['g'] } }]) },
  'AWS-LAMBDA-006': { bad: tf(['aws_lambda_function', lambda]), good: tf(['aws_lambda_function', { ...lambda, code_signing_config_arn: '${aws_lambda_code_signing_config.c.arn}' }]) },
  'AWS-CF-006': { bad: tf(['aws_cloudfront_distribution', cf]), good: tf(['aws_cloudfront_distribution', { ...cf, default_root_object: 'index.html' }]) },
  'AWS-CF-007': { bad: tf(['aws_cloudfront_distribution', cf]), good: tf(['aws_cloudfront_distribution', { ...cf, origin_group: [{ origin_id: 'g' }] }]) },
  'AWS-CF-008': {
    bad: tf(['aws_cloudfront_distribution', { ...cf, restrictions: { geo_restriction: { restriction_type: 'none' } } }]),
    good: tf(['aws_cloudfront_distribution', { ...cf, restrictions: { geo_restriction: { restriction_type: 'whitelist', locations: ['CO'] } } }]),
  },
  // ------------------------------------------------------------------ Azure hygiene
  'AZ-ST-010': { bad: tf(['azurerm_storage_account', sa]), good: tf(['azurerm_storage_account', { ...sa, queue_properties: { logging: { read: true, write: true, delete: true, version: '1.0' } } }]) },
  'AZ-ST-011': { bad: tf(['azurerm_storage_account', sa]), good: tf(['azurerm_storage_account', sa], ['azurerm_storage_account_customer_managed_key', { storage_account_id: S, key_vault_key_id: 'k' }]) },
  'AZ-ST-012': { bad: tf(['azurerm_storage_account', sa]), good: tf(['azurerm_storage_account', { ...sa, sas_policy: { expiration_period: '1.00:00:00' } }]) },
  'AZ-APP-008': { bad: tf(['azurerm_linux_web_app', webApp]), good: tf(['azurerm_linux_web_app', { ...webApp, auth_settings_v2: { auth_enabled: true } }]) },
  'AZ-APP-009': { bad: tf(['azurerm_linux_web_app', webApp]), good: tf(['azurerm_linux_web_app', { ...webApp, client_certificate_enabled: true }]) },
  'AZ-APP-010': {
    bad: tf(['azurerm_linux_web_app', { ...webApp, logs: { detailed_error_messages: true } }]),
    good: tf(['azurerm_linux_web_app', { ...webApp, logs: { http_logs: { file_system: { retention_in_days: 7, retention_in_mb: 35 } }, detailed_error_messages: true, failed_request_tracing: true } }]),
  },
  'AZ-APP-011': { bad: tf(['azurerm_linux_web_app', webApp]), good: tf(['azurerm_linux_web_app', { ...webApp, storage_account: [{ name: 'files', type: 'AzureFiles' }] }]) },
  'AZ-APP-012': { bad: tf(['azurerm_linux_web_app', webApp]), good: tf(['azurerm_linux_web_app', { ...webApp, site_config: { ...webApp.site_config, health_check_path: '/health' } }]) },
  'AZ-PLAN-001': { stage: PROD, bad: tf(['azurerm_service_plan', { sku_name: 'B1' }]), good: tf(['azurerm_service_plan', { sku_name: 'P1v3' }]) },
  'AZ-PLAN-002': { bad: tf(['azurerm_service_plan', { sku_name: 'P1v3', worker_count: 1 }]), good: tf(['azurerm_service_plan', { sku_name: 'P1v3', worker_count: 3, zone_balancing_enabled: true }]) },
  'AZ-REDIS-003': { bad: tf(['azurerm_redis_cache', { sku_name: 'Basic' }]), good: tf(['azurerm_redis_cache', { sku_name: 'Standard' }]) },
  'AZ-ACR-003': {
    bad: tf(['azurerm_container_registry', { sku: 'Basic' }]),
    good: tf(['azurerm_container_registry', { sku: 'Premium', trust_policy_enabled: true, zone_redundancy_enabled: true, data_endpoint_enabled: true, retention_policy_in_days: 7 }]),
  },
  'AZ-ACR-004': { bad: tf(['azurerm_container_registry', { sku: 'Premium' }]), good: tf(['azurerm_container_registry', { sku: 'Premium', georeplications: [{ location: 'westus' }] }]) },
  'AZ-ACR-005': { bad: tf(['azurerm_container_registry', { quarantine_policy_enabled: false }]), good: tf(['azurerm_container_registry', { quarantine_policy_enabled: true }]) },
  'AZ-COSMOS-003': { bad: tf(['azurerm_cosmosdb_account', {}]), good: tf(['azurerm_cosmosdb_account', { key_vault_key_id: '${azurerm_key_vault_key.k.versionless_id}' }]) },
  'AZ-COSMOS-004': { bad: tf(['azurerm_cosmosdb_account', {}]), good: tf(['azurerm_cosmosdb_account', { access_key_metadata_writes_enabled: false }]) },
  'AZ-SB-003': { bad: tf(['azurerm_servicebus_namespace', { sku: 'Premium' }]), good: tf(['azurerm_servicebus_namespace', { sku: 'Premium', customer_managed_key: { key_vault_key_id: 'k', identity_id: 'i', infrastructure_encryption_enabled: true } }]) },
  'AZ-SQL-005': { bad: tf(['azurerm_mssql_server', {}]), good: tf(['azurerm_mssql_server', { express_vulnerability_assessment_enabled: true }]) },
  'AZ-ADF-003': { bad: tf(['azurerm_data_factory', {}]), good: tf(['azurerm_data_factory', { github_configuration: { account_name: 'a', branch_name: 'main', repository_name: 'r', root_folder: '/' } }]) },
  'AZ-ADF-004': { bad: tf(['azurerm_data_factory', {}]), good: tf(['azurerm_data_factory', { customer_managed_key_id: 'k' }]) },
  'AZ-AI-003': { bad: tf(['azurerm_cognitive_account', { kind: 'OpenAI' }]), good: tf(['azurerm_cognitive_account', { kind: 'OpenAI', customer_managed_key: { key_vault_key_id: 'k' } }]) },
  'AZ-VM-004': { bad: tf(['azurerm_linux_virtual_machine', {}]), good: tf(['azurerm_linux_virtual_machine', { allow_extension_operations: false }]) },
};
