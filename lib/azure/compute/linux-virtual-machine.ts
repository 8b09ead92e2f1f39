import { LinuxVirtualMachine as LinuxVirtualMachineResource } from '@cdktf/provider-azurerm/lib/linux-virtual-machine';
import { ManagedDisk } from '@cdktf/provider-azurerm/lib/managed-disk';
import { NetworkInterface } from '@cdktf/provider-azurerm/lib/network-interface';
import { VirtualMachineDataDiskAttachment } from '@cdktf/provider-azurerm/lib/virtual-machine-data-disk-attachment';
import { VirtualMachineExtension } from '@cdktf/provider-azurerm/lib/virtual-machine-extension';
import { Construct } from 'constructs';
import { Rule, validateProps, requireProps, intInRange, firstDuplicate } from '../../core/validation';
import { AppliedAvmInterfaces, applyAvmInterfaces, AvmCommonProps } from '../core/interfaces';
import { AzureResourceProps, resolvePlacement } from '../core/placement';
import { Metric } from '../observability/metric';

/** A managed data disk attached to the VM. */
export interface DataDiskSpec {
  /** Short name (`models`), part of the disk name. */
  readonly name: string;
  /** Size in GB, 4-32767. */
  readonly sizeGb: number;
  /** LUN, 0-63, unique per VM. */
  readonly lun: number;
  /**
   * Disk type.
   * @default 'Premium_LRS'
   */
  readonly storageAccountType?: 'Premium_LRS' | 'StandardSSD_LRS' | 'Premium_ZRS' | 'StandardSSD_ZRS' | 'PremiumV2_LRS';
}

export interface LinuxVirtualMachineProps extends AzureResourceProps, AvmCommonProps {
  /** Subnet of the VM's network interface (no public IP is ever attached). */
  readonly subnet: { readonly id: string };
  /**
   * VM size.
   * @default 'Standard_D2s_v5'
   */
  readonly size?: string;
  /**
   * The workload needs a GPU: the size must be in the N family (NC, ND, NV) and not retired.
   * @default false
   */
  readonly gpu?: boolean;
  /**
   * Administrator user.
   * @default 'azureuser'
   */
  readonly adminUsername?: string;
  /** OpenSSH public key of the administrator (`ssh-rsa ...` or `ssh-ed25519 ...`); password login is off. */
  readonly sshPublicKey: string;
  /**
   * Microsoft Entra ID SSH login (AADSSHLoginForLinux extension + system-assigned identity); grant
   * "Virtual Machine Administrator Login" / "Virtual Machine User Login" to who may log in.
   * @default true
   */
  readonly entraLogin?: boolean;
  /**
   * Trusted Launch: Secure Boot and vTPM (needs a Gen2 image and a size that supports it).
   * @default true
   */
  readonly trustedLaunch?: boolean;
  /**
   * Encryption at host (temp disk and caches encrypted too); the subscription needs the EncryptionAtHost feature.
   * @default true
   */
  readonly encryptionAtHost?: boolean;
  /**
   * Availability zone.
   * @default none
   */
  readonly zone?: string;
  /**
   * OS disk size in GB.
   * @default 64
   */
  readonly osDiskSizeGb?: number;
  /**
   * Data disks.
   * @default none
   */
  readonly dataDisks?: DataDiskSpec[];
  /**
   * cloud-init (`#cloud-config ...`), passed base64-encoded as custom data.
   * @default none
   */
  readonly cloudInit?: string;
  /**
   * Marketplace image.
   * @default Ubuntu 22.04 LTS Gen2
   */
  readonly image?: { readonly publisher: string; readonly offer: string; readonly sku: string; readonly version?: string };
}

/** GPU sizes Azure has retired (NC v1/v2/v3, ND v1, NV v1): new deployments fail. */
export const RETIRED_GPU_SIZES = /^Standard_(NC(6|12|24)r?(s_v2|s_v3)?|ND(6|12|24)r?s|NV(6|12|24))$/;
const GPU_SIZE = /^Standard_N[CDVG]/;
const RESERVED_USERS = ['root', 'admin', 'administrator', 'user', 'guest', 'test', 'adm', 'sys', 'daemon', 'bin'];
const between = (n: number | undefined, lo: number, hi: number) => n === undefined || intInRange(n, lo, hi);
const sizeOf = (p: LinuxVirtualMachineProps) => p.size ?? 'Standard_D2s_v5';

const RULES: Rule<LinuxVirtualMachineProps>[] = [
  { rule: 'size must look like Standard_<family><vCPUs>..., e.g. Standard_NC4as_T4_v3', check: (p) => (/^Standard_[A-Z][A-Za-z0-9_-]+$/.test(sizeOf(p)) ? undefined : sizeOf(p)) },
  { rule: 'a GPU workload needs an N-family size (NC, ND, NV), e.g. Standard_NC4as_T4_v3', check: (p) => (p.gpu && !GPU_SIZE.test(sizeOf(p)) ? sizeOf(p) : undefined) },
  {
    rule: 'the size is retired (NC v1-v3, ND v1, NV v1): pick a current one such as Standard_NC4as_T4_v3 or Standard_NC8ads_A10_v4',
    check: (p) => (RETIRED_GPU_SIZES.test(sizeOf(p)) ? sizeOf(p) : undefined),
  },
  { rule: 'sshPublicKey must be an OpenSSH public key (ssh-rsa, ssh-ed25519 or ecdsa-sha2-*)', check: (p) => (/^(ssh-rsa|ssh-ed25519|ecdsa-sha2-nistp(256|384|521)) [A-Za-z0-9+/=]+( .*)?$/.test(p.sshPublicKey.trim()) ? undefined : '<key withheld>') },
  {
    rule: `adminUsername must be 1-64 lowercase letters, digits, hyphens or underscores, start with a letter, and not be ${RESERVED_USERS.join(', ')}`,
    check: (p) => {
      const u = p.adminUsername;
      return u !== undefined && (!/^[a-z][a-z0-9_-]{0,63}$/.test(u) || RESERVED_USERS.includes(u)) ? u : undefined;
    },
  },
  { rule: 'zone must be 1, 2 or 3', check: (p) => (p.zone !== undefined && !['1', '2', '3'].includes(p.zone) ? p.zone : undefined) },
  { rule: 'osDiskSizeGb must be an integer between 30 and 4095', check: (p) => (between(p.osDiskSizeGb, 30, 4095) ? undefined : p.osDiskSizeGb) },
  { rule: 'data disks need sizeGb 4-32767 and lun 0-63', check: (p) => (p.dataDisks ?? []).find((d) => !between(d.sizeGb, 4, 32767) || !between(d.lun, 0, 63))?.name },
  { rule: 'data disk luns must be unique', check: (p) => firstDuplicate((p.dataDisks ?? []).map((d) => d.lun)) },
  { rule: 'data disk names must be unique', check: (p) => firstDuplicate((p.dataDisks ?? []).map((d) => d.name)) },
  { rule: 'cloudInit must start with #cloud-config', check: (p) => (p.cloudInit !== undefined && !p.cloudInit.startsWith('#cloud-config') ? p.cloudInit.slice(0, 20) : undefined) },
];

/**
 * A Linux VM without a public IP: SSH keys only (password login off),
 * optional Entra ID login, Trusted Launch (Secure Boot + vTPM) and encryption
 * at host by default, platform-managed patching, managed boot diagnostics,
 * managed data disks, cloud-init. With `gpu: true` the size must be a current
 * N-family size (the retired NC v1-v3 are refused).
 */
export class LinuxVirtualMachine extends Construct {
  public readonly resource: LinuxVirtualMachineResource;
  public readonly networkInterface: NetworkInterface;
  public readonly id: string;
  public readonly name: string;
  public readonly privateIpAddress: string;
  /** Object id of the system-assigned identity. */
  public readonly principalId: string;
  public readonly dataDisks: ManagedDisk[] = [];
  public readonly interfaces: AppliedAvmInterfaces;

  constructor(scope: Construct, id: string, props: LinuxVirtualMachineProps) {
    super(scope, id);
    requireProps(this, props, ['subnet', 'sshPublicKey']);
    validateProps(this, props, RULES);
    const { stack, name, location, resourceGroupName } = resolvePlacement(this, 'virtualMachine', props, 'Microsoft.Compute');
    const q = props.nameQualifier ? [props.nameQualifier] : [];
    const zone = props.zone;
    const trusted = props.trustedLaunch ?? true;
    const image = props.image ?? { publisher: 'Canonical', offer: '0001-com-ubuntu-server-jammy', sku: '22_04-lts-gen2', version: 'latest' };
    const admin = props.adminUsername ?? 'azureuser';

    this.networkInterface = new NetworkInterface(this, 'Nic', {
      name: stack.azureNaming.name('networkInterface', ...q),
      location,
      resourceGroupName,
      acceleratedNetworkingEnabled: true,
      ipConfiguration: [{ name: 'internal', subnetId: props.subnet.id, privateIpAddressAllocation: 'Dynamic' }],
      tags: props.tags,
    });
    this.resource = new LinuxVirtualMachineResource(this, 'Resource', {
      name,
      computerName: name.slice(0, 64),
      location,
      resourceGroupName,
      size: sizeOf(props),
      zone,
      networkInterfaceIds: [this.networkInterface.id],
      adminUsername: admin,
      disablePasswordAuthentication: true,
      adminSshKey: [{ username: admin, publicKey: props.sshPublicKey.trim() }],
      secureBootEnabled: trusted,
      vtpmEnabled: trusted,
      encryptionAtHostEnabled: props.encryptionAtHost ?? true,
      provisionVmAgent: true,
      allowExtensionOperations: true,
      patchMode: 'AutomaticByPlatform',
      patchAssessmentMode: 'AutomaticByPlatform',
      bypassPlatformSafetyChecksOnUserScheduleEnabled: false,
      identity: { type: 'SystemAssigned' },
      osDisk: { name: stack.azureNaming.name('managedDisk', ...q, 'os'), caching: 'ReadWrite', storageAccountType: 'Premium_LRS', diskSizeGb: props.osDiskSizeGb ?? 64 },
      sourceImageReference: { publisher: image.publisher, offer: image.offer, sku: image.sku, version: image.version ?? 'latest' },
      customData: props.cloudInit !== undefined ? Buffer.from(props.cloudInit, 'utf8').toString('base64') : undefined,
      bootDiagnostics: {},
      tags: props.tags,
    });
    this.id = this.resource.id;
    this.name = this.resource.name;
    this.privateIpAddress = this.networkInterface.privateIpAddress;
    this.principalId = this.resource.identity.principalId;

    for (const d of props.dataDisks ?? []) {
      const disk = new ManagedDisk(this, `Disk-${d.name}`, {
        name: stack.azureNaming.name('managedDisk', ...q, d.name),
        location,
        resourceGroupName,
        storageAccountType: d.storageAccountType ?? 'Premium_LRS',
        createOption: 'Empty',
        diskSizeGb: d.sizeGb,
        zone,
        publicNetworkAccessEnabled: false,
        networkAccessPolicy: 'DenyAll',
        tags: props.tags,
      });
      new VirtualMachineDataDiskAttachment(this, `Attach-${d.name}`, { managedDiskId: disk.id, virtualMachineId: this.id, lun: d.lun, caching: 'ReadOnly' });
      this.dataDisks.push(disk);
    }

    if (props.entraLogin ?? true) {
      new VirtualMachineExtension(this, 'EntraLogin', {
        name: 'AADSSHLoginForLinux',
        virtualMachineId: this.id,
        publisher: 'Microsoft.Azure.ActiveDirectory',
        type: 'AADSSHLoginForLinux',
        typeHandlerVersion: '1.0',
        autoUpgradeMinorVersion: true,
        tags: props.tags,
      });
    }
    this.interfaces = applyAvmInterfaces(this, { resourceId: this.id, resourceName: name, location, resourceGroupName }, props);
  }

  /** VM availability (`VmAvailabilityMetric`: 1 available, 0 not; average). */
  metricAvailability(): Metric {
    return new Metric({ resourceId: this.id, namespace: 'Microsoft.Compute/virtualMachines', metricName: 'VmAvailabilityMetric' });
  }
}
