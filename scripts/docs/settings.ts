/*
 * Named settings per architecture for the environment diff: each row is read
 * from the synthesized JSON (never from configuration), so the table shows
 * what Terraform will build. Seed 004's "Environment-Specific Settings" and
 * "Feature Flags" tables are reproduced row for row for serverless-platform.
 */
import { get, Resource, Stack, str } from './model';

export type Value = string | number | boolean | undefined;

export interface Setting {
  name: string;
  value: (s: Stack) => Value;
  /** extra column (the seed's "Purpose") */
  purpose?: string;
}

export interface SettingsTable {
  title: string;
  /** first column header */
  header: string;
  rows: Setting[];
}

const of = (s: Stack, ...types: string[]): Resource[] => s.resources.filter((r) => types.includes(r.type));
const has = (...types: string[]) => (s: Stack) => of(s, ...types).length > 0;
const first = (s: Stack, type: string, attr: string): Value => {
  const r = of(s, type)[0];
  const v = r ? get(r.attrs, attr) : undefined;
  return typeof v === 'number' || typeof v === 'boolean' ? v : str(v);
};
const distinct = (vals: Value[]): Value => {
  const u = [...new Set(vals.filter((x) => x !== undefined).map(String))].sort((a, b) => Number(a) - Number(b) || a.localeCompare(b));
  return u.length === 0 ? undefined : u.join(' / ');
};
const count = (...types: string[]) => (s: Stack) => of(s, ...types).length;

const FUNCTION_APPS = ['azurerm_linux_function_app', 'azurerm_windows_function_app', 'azurerm_function_app_flex_consumption'];

export const ARCH_SETTINGS: Record<string, SettingsTable[]> = {
  'serverless-platform': [
    {
      title: 'Environment-Specific Settings',
      header: 'Setting',
      rows: [
        {
          name: 'DDoS Protection',
          value: (s) => has('azurerm_network_ddos_protection_plan')(s) || of(s, 'azurerm_virtual_network').some((v) => get(v.attrs, 'ddos_protection_plan.enable') === true),
        },
        { name: 'Firewall', value: has('azurerm_firewall') },
        { name: 'Private Endpoints', value: has('azurerm_private_endpoint') },
        { name: 'Purge Protection', value: (s) => of(s, 'azurerm_key_vault').length > 0 && of(s, 'azurerm_key_vault').every((k) => k.attrs.purge_protection_enabled === true) },
        { name: 'Soft Delete (days)', value: (s) => distinct(of(s, 'azurerm_key_vault').map((k) => (k.attrs.soft_delete_retention_days as number | undefined) ?? 90)) },
        { name: 'Log Retention (days)', value: (s) => distinct(of(s, 'azurerm_log_analytics_workspace').map((w) => w.attrs.retention_in_days as number | undefined)) },
        {
          name: 'Daily Quota (GB)',
          value: (s) =>
            distinct(
              of(s, 'azurerm_log_analytics_workspace').map((w) => {
                const q = w.attrs.daily_quota_gb as number | undefined;
                return q === undefined || q < 0 ? 'Unlimited' : q;
              }),
            ),
        },
      ],
    },
    {
      title: 'Feature Flags',
      header: 'Feature',
      rows: [
        { name: 'Container Apps', value: has('azurerm_container_app'), purpose: 'Microservices' },
        { name: 'Functions', value: has(...FUNCTION_APPS), purpose: 'Serverless workers' },
        { name: 'Service Bus', value: has('azurerm_servicebus_namespace'), purpose: 'Messaging' },
        { name: 'SQL Database', value: has('azurerm_mssql_database'), purpose: 'Primary database' },
        { name: 'API Management', value: has('azurerm_api_management'), purpose: 'API gateway' },
        { name: 'CDN', value: has('azurerm_cdn_frontdoor_profile', 'azurerm_cdn_profile'), purpose: 'Content delivery' },
        { name: 'Data Factory', value: has('azurerm_data_factory'), purpose: 'ETL (dev testing)' },
        { name: 'Redis Cache', value: has('azurerm_redis_cache', 'azurerm_managed_redis'), purpose: 'Caching' },
        { name: 'Cosmos DB', value: has('azurerm_cosmosdb_account'), purpose: 'NoSQL (dev testing)' },
      ],
    },
  ],
  canalco: [
    {
      title: 'Settings',
      header: 'Setting',
      rows: [
        { name: 'Backend instance type', value: (s) => first(s, 'aws_launch_template', 'instance_type') },
        { name: 'Auto Scaling min-max', value: (s) => distinct(of(s, 'aws_autoscaling_group').map((a) => `${str(a.attrs.min_size)}-${str(a.attrs.max_size)}`)) },
        { name: 'Backend subnets (AZs)', value: (s) => distinct(of(s, 'aws_autoscaling_group').map((a) => (a.attrs.vpc_zone_identifier as unknown[] | undefined)?.length)) },
        { name: 'NAT gateways', value: count('aws_nat_gateway') },
        { name: 'RDS instance class', value: (s) => first(s, 'aws_db_instance', 'instance_class') },
        { name: 'RDS Multi-AZ', value: (s) => first(s, 'aws_db_instance', 'multi_az') === true },
        { name: 'RDS backup retention (days)', value: (s) => first(s, 'aws_db_instance', 'backup_retention_period') },
        { name: 'RDS deletion protection', value: (s) => first(s, 'aws_db_instance', 'deletion_protection') === true },
        { name: 'RDS read replicas', value: (s) => of(s, 'aws_db_instance').filter((d) => d.attrs.replicate_source_db !== undefined).length },
        { name: 'ALB deletion protection', value: (s) => first(s, 'aws_lb', 'enable_deletion_protection') === true },
        { name: 'WAF web ACLs', value: count('aws_wafv2_web_acl') },
        { name: 'Log retention (days)', value: (s) => distinct(of(s, 'aws_cloudwatch_log_group').map((l) => l.attrs.retention_in_days as number | undefined)) },
        { name: 'EBS snapshot retention (days)', value: (s) => distinct(of(s, 'aws_backup_plan').map((p) => get(p.attrs, 'rule.lifecycle.delete_after') as number | undefined)) },
        { name: 'Buckets protected from destroy', value: (s) => of(s, 'aws_s3_bucket').filter((b) => get(b.attrs, 'lifecycle.prevent_destroy') === true).length },
        { name: 'CloudWatch alarms', value: count('aws_cloudwatch_metric_alarm') },
      ],
    },
  ],
  stockwiz: [
    {
      title: 'Settings',
      header: 'Setting',
      rows: [
        { name: 'Task CPU / memory', value: (s) => distinct(of(s, 'aws_ecs_task_definition').map((t) => `${str(t.attrs.cpu)} / ${str(t.attrs.memory)} MB`)) },
        { name: 'Containers per task', value: (s) => distinct(of(s, 'aws_ecs_task_definition').map((t) => (JSON.parse(str(t.attrs.container_definitions) ?? '[]') as unknown[]).length)) },
        { name: 'Service autoscaling', value: (s) => distinct(of(s, 'aws_appautoscaling_target').map((t) => `${str(t.attrs.min_capacity)}-${str(t.attrs.max_capacity)}`)) ?? 'none' },
        { name: 'NAT gateways', value: count('aws_nat_gateway') },
        { name: 'RDS', value: (s) => first(s, 'aws_db_instance', 'instance_class') ?? 'none (container)' },
        { name: 'ElastiCache', value: (s) => first(s, 'aws_elasticache_replication_group', 'node_type') ?? 'none (container)' },
        { name: 'WAF', value: has('aws_wafv2_web_acl') },
        { name: 'ECR tag mutability', value: (s) => distinct(of(s, 'aws_ecr_repository').map((r) => str(r.attrs.image_tag_mutability))) },
        { name: 'Log retention (days)', value: (s) => distinct(of(s, 'aws_cloudwatch_log_group').map((l) => l.attrs.retention_in_days as number | undefined)) },
        { name: 'CloudWatch alarms', value: count('aws_cloudwatch_metric_alarm') },
      ],
    },
  ],
  'personal-tech': [
    {
      title: 'Settings',
      header: 'Setting',
      rows: [
        { name: 'App Service plan', value: (s) => first(s, 'azurerm_service_plan', 'sku_name') },
        { name: 'Autoscale', value: has('azurerm_monitor_autoscale_setting') },
        { name: 'PostgreSQL SKU', value: (s) => first(s, 'azurerm_postgresql_flexible_server', 'sku_name') },
        { name: 'PostgreSQL HA', value: (s) => first(s, 'azurerm_postgresql_flexible_server', 'high_availability.mode') ?? 'off' },
        { name: 'PostgreSQL backup retention (days)', value: (s) => first(s, 'azurerm_postgresql_flexible_server', 'backup_retention_days') },
        { name: 'Redis', value: (s) => distinct(of(s, 'azurerm_redis_cache').map((r) => `${str(r.attrs.sku_name)} ${str(r.attrs.family)}${str(r.attrs.capacity)}`)) },
        { name: 'Container registry', value: (s) => first(s, 'azurerm_container_registry', 'sku') },
        { name: 'Storage replication', value: (s) => distinct(of(s, 'azurerm_storage_account').map((a) => str(a.attrs.account_replication_type))) },
        { name: 'Front Door WAF', value: has('azurerm_cdn_frontdoor_firewall_policy') },
        { name: 'Private endpoints', value: count('azurerm_private_endpoint') },
        { name: 'Management locks', value: count('azurerm_management_lock') },
        { name: 'Log Analytics retention (days)', value: (s) => first(s, 'azurerm_log_analytics_workspace', 'retention_in_days') },
      ],
    },
  ],
  flowlite: [
    {
      title: 'Settings',
      header: 'Setting',
      rows: [
        { name: 'Application Gateway', value: (s) => first(s, 'azurerm_application_gateway', 'sku.name') ?? 'none' },
        { name: 'DDoS protection plan', value: has('azurerm_network_ddos_protection_plan') },
        { name: 'NAT gateway', value: has('azurerm_nat_gateway') },
        { name: 'Container Apps', value: count('azurerm_container_app') },
        { name: 'MySQL SKU', value: (s) => first(s, 'azurerm_mysql_flexible_server', 'sku_name') },
        { name: 'MySQL HA', value: (s) => first(s, 'azurerm_mysql_flexible_server', 'high_availability.mode') ?? 'off' },
        { name: 'MySQL backup retention (days)', value: (s) => first(s, 'azurerm_mysql_flexible_server', 'backup_retention_days') },
        { name: 'Redis', value: (s) => distinct(of(s, 'azurerm_redis_cache').map((r) => `${str(r.attrs.sku_name)} ${str(r.attrs.family)}${str(r.attrs.capacity)}`)) ?? 'none' },
        { name: 'Service Bus tier', value: (s) => first(s, 'azurerm_servicebus_namespace', 'sku') },
        { name: 'GPU VM (Ollama)', value: (s) => first(s, 'azurerm_linux_virtual_machine', 'size') ?? 'none' },
        { name: 'Azure OpenAI', value: (s) => distinct(of(s, 'azurerm_cognitive_deployment').map((d) => str(get(d.attrs, 'model.name')))) ?? (has('azurerm_cognitive_account')(s) ? 'account' : 'none') },
        { name: 'Log Analytics retention (days)', value: (s) => first(s, 'azurerm_log_analytics_workspace', 'retention_in_days') },
      ],
    },
  ],
};
