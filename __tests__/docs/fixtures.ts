/*
 * A flowlite-shaped Azure stack (seed 000: Application Gateway WAF_v2 in front of Container Apps, NSGs per subnet,
 * GPU VM, MySQL flexible with HA, Redis and Service Bus behind private endpoints, NAT gateway, DDoS plan), written
 * by hand as Terraform JSON so the generators can be checked before the real stack merges.
 */
const L = 'eastus';
const sn = (n: string, c: string) => ({ name: n, address_prefixes: [c], virtual_network_name: '${azurerm_virtual_network.Vnet.name}', location: L });
const rule = (nsg: string, name: string, pri: number, src: string, ports: string[]) => ({ name, priority: pri, direction: 'Inbound', access: 'Allow', protocol: 'Tcp', source_address_prefix: src, destination_address_prefix: '*', destination_port_ranges: ports, network_security_group_name: `\${azurerm_network_security_group.${nsg}.name}` });
export const flowliteLike = { provider: { azurerm: [{}] }, resource: {
  azurerm_virtual_network: { Vnet: { name: 'vnet-flowlite-prod', address_space: ['10.0.0.0/16'], location: L, ddos_protection_plan: { id: '${azurerm_network_ddos_protection_plan.Ddos.id}', enable: true } } },
  azurerm_network_ddos_protection_plan: { Ddos: { name: 'ddos-flowlite', location: L } },
  azurerm_subnet: { Gw: sn('snet-appgw', '10.0.0.0/24'), Api: sn('snet-api', '10.0.1.0/24'), Int: sn('snet-internal', '10.0.2.0/24'), Data: sn('snet-data', '10.0.3.0/24') },
  azurerm_network_security_group: { NGw: { name: 'nsg-gw' }, NApi: { name: 'nsg-api' }, NInt: { name: 'nsg-int' }, NData: { name: 'nsg-data' } },
  azurerm_subnet_network_security_group_association: Object.fromEntries([['Gw','NGw'],['Api','NApi'],['Int','NInt'],['Data','NData']].map(([s,n]) => [`A${s}`, { subnet_id: `\${azurerm_subnet.${s}.id}`, network_security_group_id: `\${azurerm_network_security_group.${n}.id}` }])),
  azurerm_network_security_rule: {
    R1: rule('NGw', 'AllowHttps', 100, 'Internet', ['443']), R2: rule('NGw', 'AllowGatewayManager', 110, 'GatewayManager', ['65200-65535']),
    R3: rule('NApi', 'AllowAppGw', 100, '10.0.0.0/24', ['8000', '8001', '8003']), R4: rule('NInt', 'AllowApi', 100, '10.0.1.0/24', ['8002']),
    R5: rule('NInt', 'AllowInsightToOllama', 110, '10.0.2.0/24', ['11434']), R6: rule('NData', 'AllowApps', 100, '10.0.1.0/24', ['3306', '6380', '5671']),
  },
  azurerm_public_ip: { Pip: { name: 'pip-agw', sku: 'Standard', allocation_method: 'Static', location: L }, NatPip: { name: 'pip-nat', sku: 'Standard', allocation_method: 'Static', location: L } },
  azurerm_nat_gateway: { Nat: { name: 'ng-flowlite', sku_name: 'Standard', location: L } },
  azurerm_nat_gateway_public_ip_association: { NatA: { nat_gateway_id: '${azurerm_nat_gateway.Nat.id}', public_ip_address_id: '${azurerm_public_ip.NatPip.id}' } },
  azurerm_subnet_nat_gateway_association: { NA1: { subnet_id: '${azurerm_subnet.Api.id}', nat_gateway_id: '${azurerm_nat_gateway.Nat.id}' }, NA2: { subnet_id: '${azurerm_subnet.Int.id}', nat_gateway_id: '${azurerm_nat_gateway.Nat.id}' } },
  azurerm_web_application_firewall_policy: { Waf: { name: 'waf-flowlite', policy_settings: { mode: 'Prevention' }, location: L } },
  azurerm_application_gateway: { Agw: { name: 'agw-flowlite-prod', location: L, sku: { name: 'WAF_v2', tier: 'WAF_v2' }, autoscale_configuration: { min_capacity: 1, max_capacity: 3 }, firewall_policy_id: '${azurerm_web_application_firewall_policy.Waf.id}',
    gateway_ip_configuration: [{ name: 'gw', subnet_id: '${azurerm_subnet.Gw.id}' }], frontend_ip_configuration: [{ name: 'fe', public_ip_address_id: '${azurerm_public_ip.Pip.id}' }],
    backend_address_pool: [{ name: 'identity', fqdns: ['${azurerm_container_app.Identity.latest_revision_fqdn}'] }, { name: 'upload', fqdns: ['${azurerm_container_app.Upload.latest_revision_fqdn}'] }, { name: 'data', fqdns: ['${azurerm_container_app.Data.latest_revision_fqdn}'] }] } },
  azurerm_container_app_environment: { Env: { name: 'cae-flowlite', infrastructure_subnet_id: '${azurerm_subnet.Api.id}', log_analytics_workspace_id: '${azurerm_log_analytics_workspace.Logs.id}', location: L } },
  azurerm_container_app: Object.fromEntries(['Identity', 'Upload', 'Data', 'Insight'].map((n) => [n, { name: `ca-${n.toLowerCase()}`, container_app_environment_id: '${azurerm_container_app_environment.Env.id}', template: { min_replicas: 2, max_replicas: 10, container: [{ name: n, cpu: 0.5, memory: '1Gi', env: [{ name: 'DB', value: '${azurerm_mysql_flexible_server.Db.fqdn}' }, ...(n === 'Insight' ? [{ name: 'OLLAMA', value: 'http://${azurerm_network_interface.Nic.private_ip_address}:11434' }, { name: 'SB', value: '${azurerm_servicebus_namespace.Bus.endpoint}' }] : [])] }] }, ingress: { external_enabled: false, target_port: 8000 } }])),
  azurerm_network_interface: { Nic: { name: 'nic-ollama', location: L, ip_configuration: [{ name: 'ip', subnet_id: '${azurerm_subnet.Int.id}' }] } },
  azurerm_linux_virtual_machine: { Ollama: { name: 'vm-ollama', size: 'Standard_NC4as_T4_v3', location: L, network_interface_ids: ['${azurerm_network_interface.Nic.id}'], os_disk: { storage_account_type: 'Premium_LRS', disk_size_gb: 128 } } },
  azurerm_mysql_flexible_server: { Db: { name: 'mysql-flowlite', sku_name: 'GP_Standard_D2ds_v4', version: '8.0.21', delegated_subnet_id: '${azurerm_subnet.Data.id}', storage: { size_gb: 64 }, high_availability: { mode: 'ZoneRedundant' }, location: L } },
  azurerm_mysql_flexible_database: { FDb: { name: 'flowlite_db', server_name: '${azurerm_mysql_flexible_server.Db.name}' } },
  azurerm_redis_cache: { Redis: { name: 'redis-flowlite', sku_name: 'Premium', family: 'P', capacity: 1, location: L } },
  azurerm_servicebus_namespace: { Bus: { name: 'sb-flowlite', sku: 'Premium', capacity: 1, location: L } },
  azurerm_servicebus_queue: { Q: { name: 'batch_processed', namespace_id: '${azurerm_servicebus_namespace.Bus.id}' } },
  azurerm_private_endpoint: { PRedis: { name: 'pe-redis', location: L, subnet_id: '${azurerm_subnet.Data.id}', private_service_connection: { private_connection_resource_id: '${azurerm_redis_cache.Redis.id}' } }, PBus: { name: 'pe-bus', location: L, subnet_id: '${azurerm_subnet.Data.id}', private_service_connection: { private_connection_resource_id: '${azurerm_servicebus_namespace.Bus.id}' } } },
  azurerm_log_analytics_workspace: { Logs: { name: 'log-flowlite', sku: 'PerGB2018', retention_in_days: 30, location: L } },
  azurerm_key_vault: { Kv: { name: 'kv-flowlite', sku_name: 'standard', location: L } },
  azurerm_container_registry: { Acr: { name: 'crflowlite', sku: 'Basic', location: L } },
} };
