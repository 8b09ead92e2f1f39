import { CognitiveAccount } from '@cdktf/provider-azurerm/lib/cognitive-account';
import { CognitiveDeployment } from '@cdktf/provider-azurerm/lib/cognitive-deployment';
import { LinuxVirtualMachine as VmResource } from '@cdktf/provider-azurerm/lib/linux-virtual-machine';
import { ManagedDisk } from '@cdktf/provider-azurerm/lib/managed-disk';
import { MysqlFlexibleServer as MysqlResource } from '@cdktf/provider-azurerm/lib/mysql-flexible-server';
import { MysqlFlexibleServerActiveDirectoryAdministrator } from '@cdktf/provider-azurerm/lib/mysql-flexible-server-active-directory-administrator';
import { Testing } from 'cdktf';
import { OpenAiAccount, OpenAiAccountProps } from '../../lib/azure/ai';
import { LinuxVirtualMachine, LinuxVirtualMachineProps } from '../../lib/azure/compute';
import { MysqlFlexibleServer, MysqlFlexibleServerProps } from '../../lib/azure/database';
import { KeyVault } from '../../lib/azure/security';
import { AzureStack } from '../../lib/azure/azure-stack';
import { expectValidationError } from '../helpers';

const newStack = () => new AzureStack(Testing.app(), 'test', { architecture: 'flowlite', environment: 'prod', location: 'eastus', backend: { type: 'local' } });
const resources = (stack: AzureStack, type: string) => Object.values((JSON.parse(Testing.synth(stack)).resource[type] ?? {}) as Record<string, Record<string, unknown>>);
const KEY = 'ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIAiQBz21V0En7QFRTKIbK2h2/rTyO72I1cVJkmInU9zI test';

const mysql = (props: Partial<MysqlFlexibleServerProps> = {}) => {
  const stack = newStack();
  const server = new MysqlFlexibleServer(stack, 'Db', { keyVault: new KeyVault(stack, 'Vault', {}), databases: ['flowlite_db'], ...props });
  return { stack, server };
};

describe('MysqlFlexibleServer', () => {
  test('private, TLS 1.2+ enforced, generated password in Key Vault, utf8mb4 database', () => {
    const { stack, server } = mysql();
    const out = Testing.synth(stack);
    expect(out).toHaveResourceWithProperties(MysqlResource, {
      name: expect.stringMatching(/^mysql-flowlite-prod-eus-[0-9a-f]{6}$/),
      sku_name: 'B_Standard_B1ms',
      public_network_access: 'Disabled',
      backup_retention_days: 7,
      administrator_login: 'mysqladmin',
      administrator_password: expect.stringMatching(/random_password/),
    });
    const params = Object.fromEntries(resources(stack, 'azurerm_mysql_flexible_server_configuration').map((r) => [r.name, r.value]));
    expect(params).toMatchObject({ require_secure_transport: 'ON', tls_version: 'TLSv1.2,TLSv1.3' });
    expect(resources(stack, 'azurerm_mysql_flexible_database')[0]).toMatchObject({ name: 'flowlite_db', charset: 'utf8mb4' });
    expect(server.administratorPasswordSecret.name).toBe('mysql-admin-password');
    expect(out).not.toMatch(/"administrator_password":\s*"[^$]/);
  });

  test('prod: General Purpose, zone-redundant HA, 30-day backups, a read replica, Entra admin with an identity', () => {
    const { stack, server } = mysql({
      sku: 'GP_Standard_D2ds_v4',
      highAvailability: 'ZoneRedundant',
      backupRetentionDays: 30,
      replicas: [{ nameQualifier: 'read' }],
      entraAdministrator: { objectId: '00000000-0000-0000-0000-000000000001', login: 'flowlite-dba' },
    });
    const servers = resources(stack, 'azurerm_mysql_flexible_server');
    expect(servers).toHaveLength(2);
    expect(servers[0]).toMatchObject({ high_availability: { mode: 'ZoneRedundant' }, backup_retention_days: 30, identity: { type: 'UserAssigned' } });
    expect(servers[1]).toMatchObject({ create_mode: 'Replica', name: expect.stringMatching(/^mysql-flowlite-read-prod-eus-/), public_network_access: 'Disabled' });
    expect(Testing.synth(stack)).toHaveResourceWithProperties(MysqlFlexibleServerActiveDirectoryAdministrator, { login: 'flowlite-dba' });
    expect(server.replicaFqdns).toHaveLength(1);
  });

  test.each([
    [{ version: '5.7' }, 'test/Db: version must be one of 8.0.21, 8.4 (got "5.7")'],
    [{ sku: 'Standard_B1ms' }, 'test/Db: sku must be a flexible server SKU such as B_Standard_B1ms, GP_Standard_D2ds_v4 or MO_Standard_E2ds_v4 (got "Standard_B1ms")'],
    [{ storageGb: 10 }, 'test/Db: storageGb must be an integer between 20 and 16384 (got 10)'],
    [{ backupRetentionDays: 40 }, 'test/Db: backupRetentionDays must be an integer between 1 and 35 (got 40)'],
    [{ highAvailability: 'Always' }, 'test/Db: highAvailability must be Disabled, SameZone or ZoneRedundant (got "Always")'],
    [
      { sku: 'B_Standard_B2s', highAvailability: 'ZoneRedundant' },
      'test/Db: ZoneRedundant high availability needs a General Purpose (GP_) or Business Critical (MO_) SKU: Burstable cannot run a standby (got "B_Standard_B2s")',
    ],
    [{ replicas: [{ nameQualifier: 'read' }] }, 'test/Db: read replicas need a General Purpose (GP_) or Business Critical (MO_) SKU (got "B_Standard_B1ms")'],
    [{ sku: 'GP_Standard_D2ds_v4', replicas: [{ nameQualifier: 'r' }, { nameQualifier: 'r' }] }, 'test/Db: replica name qualifiers must be unique (got "r")'],
    [{ zone: '5' }, 'test/Db: zones must be 1, 2 or 3 (got "5")'],
    [{ standbyZone: '2' }, 'test/Db: standbyZone needs ZoneRedundant high availability (got "2")'],
    [{ sku: 'GP_Standard_D2ds_v4', highAvailability: 'ZoneRedundant', zone: '1', standbyZone: '1' }, 'test/Db: standbyZone must differ from zone (got "1")'],
    [{ administratorLogin: 'root' }, /test\/Db: administratorLogin must be 1-32 letters/],
    [{ databases: ['mysql'] }, /test\/Db: database names must be letters, digits and underscores .* \(got "mysql"\)/],
    [{ databases: ['a', 'a'] }, 'test/Db: database names must be unique (got "a")'],
    [{ serverParameters: { require_secure_transport: 'OFF' } }, 'test/Db: serverParameters must not weaken require_secure_transport (ON) or tls_version (TLSv1.2 and/or TLSv1.3) (got {"require_secure_transport":"OFF"})'],
    [{ serverParameters: { tls_version: 'TLSv1.1' } }, /serverParameters must not weaken .* \(got \{"tls_version":"TLSv1.1"\}\)/],
  ] as [Partial<MysqlFlexibleServerProps>, string | RegExp][])('rejects %j', (props, message) => {
    expectValidationError(() => mysql(props).server, message);
  });
});

describe('OpenAiAccount', () => {
  const account = (props: Partial<OpenAiAccountProps> = {}) => {
    const stack = newStack();
    const a = new OpenAiAccount(stack, 'Ai', { privateEndpoints: [{ subnetResourceId: 'snet', privateDnsZoneResourceIds: ['zone'] }], deployments: [{ name: 'insights', model: 'gpt-4o-mini', version: '2024-07-18' }], ...props });
    return { stack, a };
  };
  test('OpenAI S0, keys off, private, restricted egress, one deployment, grantUse', () => {
    const { stack, a } = account();
    a.grantUse('principal');
    const out = Testing.synth(stack);
    expect(out).toHaveResourceWithProperties(CognitiveAccount, { kind: 'OpenAI', sku_name: 'S0', local_auth_enabled: false, public_network_access_enabled: false, outbound_network_access_restricted: true, identity: { type: 'SystemAssigned' } });
    expect(out).toHaveResourceWithProperties(CognitiveDeployment, { name: 'insights', model: { format: 'OpenAI', name: 'gpt-4o-mini', version: '2024-07-18' }, sku: { name: 'Standard', capacity: 10 } });
    expect(resources(stack, 'azurerm_role_assignment').map((r) => r.role_definition_name)).toEqual(['Cognitive Services OpenAI User']);
    expect(resources(stack, 'azurerm_private_endpoint')[0]).toMatchObject({ private_service_connection: expect.objectContaining({ subresource_names: ['account'] }) });
  });
  test.each([
    [{ deployments: [{ name: '!', model: 'm', version: '1' }] }, 'test/Ai: deployment names must be 2-64 letters, digits, hyphens, underscores or periods (got "!")'],
    [{ deployments: [{ name: 'aa', model: 'm', version: '1' }, { name: 'aa', model: 'm', version: '1' }] }, 'test/Ai: deployment names must be unique (got "aa")'],
    [{ deployments: [{ name: 'aa', model: 'm', version: '1', capacity: 0 }] }, 'test/Ai: deployment capacity must be a positive integer (got 0)'],
    [{ privateEndpoints: [] }, 'test/Ai: a private account (publicNetworkAccess false) needs a private endpoint to be reachable (got "privateEndpoints")'],
  ] as [Partial<OpenAiAccountProps>, string][])('rejects %j', (props, message) => {
    expectValidationError(() => account(props).a, message);
  });
});

describe('LinuxVirtualMachine', () => {
  const vm = (props: Partial<LinuxVirtualMachineProps> = {}) => {
    const stack = newStack();
    const v = new LinuxVirtualMachine(stack, 'Vm', { nameQualifier: 'ollama', subnet: { id: 'snet' }, size: 'Standard_NC4as_T4_v3', gpu: true, sshPublicKey: KEY, dataDisks: [{ name: 'models', sizeGb: 128, lun: 0 }], cloudInit: '#cloud-config\n', ...props });
    return { stack, v };
  };
  test('GPU size, no public IP, keys only, Trusted Launch, encryption at host, data disk, Entra login, cloud-init', () => {
    const { stack } = vm();
    const out = Testing.synth(stack);
    expect(out).toHaveResourceWithProperties(VmResource, {
      name: 'vm-flowlite-ollama-prod-eus',
      size: 'Standard_NC4as_T4_v3',
      disable_password_authentication: true,
      secure_boot_enabled: true,
      vtpm_enabled: true,
      encryption_at_host_enabled: true,
      custom_data: Buffer.from('#cloud-config\n').toString('base64'),
      source_image_reference: expect.objectContaining({ sku: '22_04-lts-gen2' }),
    });
    expect(out).toHaveResourceWithProperties(ManagedDisk, { disk_size_gb: 128, network_access_policy: 'DenyAll', public_network_access_enabled: false });
    expect(JSON.parse(out).resource.azurerm_public_ip).toBeUndefined();
    expect(resources(stack, 'azurerm_virtual_machine_extension')[0]).toMatchObject({ type: 'AADSSHLoginForLinux' });
    expect(resources(stack, 'azurerm_network_interface')[0]).toMatchObject({ ip_configuration: [expect.not.objectContaining({ public_ip_address_id: expect.anything() })] });
  });
  test.each([
    [{ size: 'Standard_D4s_v5' }, 'test/Vm: a GPU workload needs an N-family size (NC, ND, NV), e.g. Standard_NC4as_T4_v3 (got "Standard_D4s_v5")'],
    [{ size: 'Standard_NC6s_v3' }, 'test/Vm: the size is retired (NC v1-v3, ND v1, NV v1): pick a current one such as Standard_NC4as_T4_v3 or Standard_NC8ads_A10_v4 (got "Standard_NC6s_v3")'],
    [{ size: 'nc4' }, /test\/Vm: size must look like Standard_/],
    [{ sshPublicKey: 'hunter2' }, 'test/Vm: sshPublicKey must be an OpenSSH public key (ssh-rsa, ssh-ed25519 or ecdsa-sha2-*) (got "<key withheld>")'],
    [{ adminUsername: 'root' }, /test\/Vm: adminUsername must be 1-64 lowercase letters/],
    [{ zone: '9' }, 'test/Vm: zone must be 1, 2 or 3 (got "9")'],
    [{ osDiskSizeGb: 10 }, 'test/Vm: osDiskSizeGb must be an integer between 30 and 4095 (got 10)'],
    [{ dataDisks: [{ name: 'm', sizeGb: 1, lun: 0 }] }, 'test/Vm: data disks need sizeGb 4-32767 and lun 0-63 (got "m")'],
    [{ dataDisks: [{ name: 'a', sizeGb: 8, lun: 0 }, { name: 'b', sizeGb: 8, lun: 0 }] }, 'test/Vm: data disk luns must be unique (got 0)'],
    [{ dataDisks: [{ name: 'a', sizeGb: 8, lun: 0 }, { name: 'a', sizeGb: 8, lun: 1 }] }, 'test/Vm: data disk names must be unique (got "a")'],
    [{ cloudInit: '#!/bin/bash' }, 'test/Vm: cloudInit must start with #cloud-config (got "#!/bin/bash")'],
  ] as [Partial<LinuxVirtualMachineProps>, string | RegExp][])('rejects %j', (props, message) => {
    expectValidationError(() => vm(props).v, message);
  });
});
