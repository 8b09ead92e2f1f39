import { DataAzurermLogAnalyticsWorkspace } from '@cdktf/provider-azurerm/lib/data-azurerm-log-analytics-workspace';
import { LogAnalyticsWorkspace as LogAnalyticsWorkspaceResource } from '@cdktf/provider-azurerm/lib/log-analytics-workspace';
import { Construct } from 'constructs';
import { AzureStack } from '../azure-stack';
import { Rule, validateProps, requireProps } from '../../core/validation';
import {
  AppliedAvmInterfaces,
  applyAvmInterfaces,
  AvmCommonProps,
  DiagnosticSettingSpec,
  DiagnosticSettingsProps,
  identityBlock,
  ManagedIdentitiesProps,
} from '../core/interfaces';
import { AzureResourceProps, resolvePlacement } from '../core/placement';

/** Log Analytics pricing tiers this construct supports. */
export type LogAnalyticsSku = 'PerGB2018' | 'Free' | 'CapacityReservation';

export interface LogAnalyticsWorkspaceProps extends AzureResourceProps, AvmCommonProps, DiagnosticSettingsProps, ManagedIdentitiesProps {
  /**
   * Pricing tier.
   * @default 'PerGB2018' (pay as you go)
   */
  readonly sku?: LogAnalyticsSku;
  /**
   * Days data is kept: 30–730 on paid tiers; the Free tier keeps 7 days and nothing else.
   * @default 90 (7 on the Free tier)
   */
  readonly retentionDays?: number;
  /**
   * @deprecated use `retentionDays` (the name every construct uses for days kept).
   * @default see `retentionDays`
   */
  readonly retentionInDays?: number;
  /**
   * Daily ingestion cap in GB; `-1` is unlimited.
   * @default -1
   */
  readonly dailyQuotaGb?: number;
  /**
   * Commitment tier in GB/day, with the CapacityReservation SKU only.
   * @default none
   */
  readonly reservationCapacityInGbPerDay?: number;
  /**
   * Accept ingestion and queries over the public internet (App Service,
   * Front Door and diagnostic settings need ingestion unless an Azure Monitor
   * Private Link Scope is used).
   * @default true
   */
  readonly publicNetworkAccess?: boolean;
  /**
   * Allow the workspace's shared keys (legacy agents); Entra ID is used otherwise.
   * @default false
   */
  readonly localAuthenticationEnabled?: boolean;
}

const RESERVATION_TIERS = [100, 200, 300, 400, 500, 1000, 2000, 5000, 10000, 25000, 50000];

const retention = (p: LogAnalyticsWorkspaceProps) => p.retentionDays ?? p.retentionInDays;

const RULES: Rule<LogAnalyticsWorkspaceProps>[] = [
  {
    rule: 'retentionDays and its deprecated alias retentionInDays disagree',
    check: (p) => (p.retentionDays !== undefined && p.retentionInDays !== undefined && p.retentionDays !== p.retentionInDays ? { retentionDays: p.retentionDays, retentionInDays: p.retentionInDays } : undefined),
  },
  {
    rule: 'retentionDays must be an integer between 30 and 730',
    check: (p) => {
      const d = retention(p);
      return p.sku !== 'Free' && d !== undefined && !(Number.isInteger(d) && d >= 30 && d <= 730) ? d : undefined;
    },
  },
  {
    rule: 'the Free SKU keeps data 7 days: retentionDays must be 7',
    check: (p) => (p.sku === 'Free' && retention(p) !== undefined && retention(p) !== 7 ? retention(p) : undefined),
  },
  {
    rule: 'dailyQuotaGb must be -1 (unlimited) or a positive number',
    check: (p) => (p.dailyQuotaGb !== undefined && p.dailyQuotaGb !== -1 && !(p.dailyQuotaGb > 0) ? p.dailyQuotaGb : undefined),
  },
  {
    rule: `reservationCapacityInGbPerDay needs the CapacityReservation SKU and one of ${RESERVATION_TIERS.join(', ')}`,
    check: (p) => {
      const r = p.reservationCapacityInGbPerDay;
      if (p.sku === 'CapacityReservation') return r === undefined || !RESERVATION_TIERS.includes(r) ? (r ?? 'missing') : undefined;
      return r !== undefined ? r : undefined;
    },
  },
];

/** A Log Analytics workspace: one made here or an existing one ({@link LogAnalyticsWorkspace.fromAttributes} / `fromName`). */
export interface ILogAnalyticsWorkspace {
  /** ARM resource id. */
  readonly id: string;
  readonly name: string;
  /** The workspace (customer) GUID. */
  readonly workspaceId: string;
  /** A diagnostic setting spec that sends a resource's logs and metrics here. */
  diagnosticSetting(overrides?: Omit<Partial<DiagnosticSettingSpec>, 'workspaceResourceId'>): DiagnosticSettingSpec;
}

/** What identifies an existing workspace. */
export interface LogAnalyticsWorkspaceAttributes {
  readonly id: string;
  readonly name: string;
  /**
   * Workspace (customer) GUID.
   * @default unknown: reading `workspaceId` throws
   */
  readonly workspaceId?: string;
}

class ImportedWorkspace extends Construct implements ILogAnalyticsWorkspace {
  constructor(
    scope: Construct,
    id: string,
    private readonly attrs: LogAnalyticsWorkspaceAttributes,
  ) {
    super(scope, id);
  }
  get id(): string {
    return this.attrs.id;
  }
  get name(): string {
    return this.attrs.name;
  }
  get workspaceId(): string {
    if (this.attrs.workspaceId === undefined) throw new Error(`workspace ${this.attrs.name}: workspaceId was not given to fromAttributes (use fromName to look it up)`);
    return this.attrs.workspaceId;
  }
  diagnosticSetting(overrides: Omit<Partial<DiagnosticSettingSpec>, 'workspaceResourceId'> = {}): DiagnosticSettingSpec {
    return { ...overrides, workspaceResourceId: this.id };
  }
}

/**
 * A Log Analytics workspace (PerGB2018 by default) that other constructs send
 * diagnostic settings and Application Insights data to. Shared-key access is
 * off, retention is validated (30–730 days on paid tiers) and deleting the
 * workspace leaves it soft-deleted for 14 days (provider feature).
 */
export class LogAnalyticsWorkspace extends Construct implements ILogAnalyticsWorkspace {
  /** An existing workspace by id and name (no lookup). */
  static fromAttributes(scope: Construct, id: string, attrs: LogAnalyticsWorkspaceAttributes): ILogAnalyticsWorkspace {
    return new ImportedWorkspace(scope, id, attrs);
  }

  /**
   * An existing workspace looked up by name (an `azurerm_log_analytics_workspace` data source).
   * @param resourceGroupName the workspace's resource group (default: the stack's)
   */
  static fromName(scope: Construct, id: string, name: string, resourceGroupName?: string): ILogAnalyticsWorkspace {
    const holder = new Construct(scope, id);
    const data = new DataAzurermLogAnalyticsWorkspace(holder, 'Lookup', { name, resourceGroupName: resourceGroupName ?? AzureStack.of(scope).resourceGroupName });
    return new ImportedWorkspace(holder, 'Imported', { id: data.id, name: data.name, workspaceId: data.workspaceId });
  }

  public readonly resource: LogAnalyticsWorkspaceResource;
  /** ARM resource id: what `diagnosticSettings[].workspaceResourceId` and Application Insights take. */
  public readonly id: string;
  public readonly name: string;
  /** The workspace (customer) GUID used by queries and agents. */
  public readonly workspaceId: string;
  public readonly retentionDays: number;
  /** @deprecated use `retentionDays`. */
  public readonly retentionInDays: number;
  public readonly interfaces: AppliedAvmInterfaces;

  constructor(scope: Construct, id: string, props: LogAnalyticsWorkspaceProps = {}) {
    super(scope, id);
    requireProps(this, props, []);
    validateProps(this, props, RULES);
    const { name, location, resourceGroupName } = resolvePlacement(this, 'logAnalyticsWorkspace', props, 'Microsoft.OperationalInsights');
    const sku = props.sku ?? 'PerGB2018';
    this.retentionDays = retention(props) ?? (sku === 'Free' ? 7 : 90);
    this.retentionInDays = this.retentionDays;
    const publicAccess = props.publicNetworkAccess ?? true;

    this.resource = new LogAnalyticsWorkspaceResource(this, 'Resource', {
      name,
      location,
      resourceGroupName,
      sku,
      retentionInDays: this.retentionDays,
      dailyQuotaGb: props.dailyQuotaGb ?? -1,
      reservationCapacityInGbPerDay: props.reservationCapacityInGbPerDay,
      internetIngestionEnabled: publicAccess,
      internetQueryEnabled: publicAccess,
      localAuthenticationEnabled: props.localAuthenticationEnabled ?? false,
      identity: identityBlock(props.managedIdentities),
      tags: props.tags,
    });
    this.id = this.resource.id;
    this.name = this.resource.name;
    this.workspaceId = this.resource.workspaceId;
    this.interfaces = applyAvmInterfaces(this, { resourceId: this.id, resourceName: name, location, resourceGroupName }, props);
  }

  /** A diagnostic setting spec that sends a resource's logs and metrics here (`diagnosticSettings: [law.diagnosticSetting()]`). */
  diagnosticSetting(overrides: Omit<Partial<DiagnosticSettingSpec>, 'workspaceResourceId'> = {}): DiagnosticSettingSpec {
    return { ...overrides, workspaceResourceId: this.id };
  }
}
