import {
  forbidTrue,
  forbidValues,
  get,
  isExpression,
  isSet,
  isTrue,
  isWorld,
  list,
  num,
  parsePolicy,
  preventDestroy,
  rangeBeyondWeb,
  requireAtLeast,
  requireCompanion,
  requireSet,
  requireTrue,
  requireValues,
  rule,
  statements,
} from './helpers';
import { PolicyPack, PolicyRule, ResourceView, RuleContext, Violation } from './types';

const IAM_POLICY_TYPES = ['aws_iam_policy', 'aws_iam_role_policy', 'aws_iam_user_policy', 'aws_iam_group_policy'] as const;

/** The bucket a bucket-level companion (policy, PAB, SSE...) belongs to. */
function companions(r: ResourceView, ctx: RuleContext, type: string): readonly ResourceView[] {
  return ctx.referencing(r, type, 'bucket');
}

/** Statements that allow `*` actions (optionally only on `*` resources). */
function wildcardStatements(doc: unknown, onStarResource: boolean): Record<string, unknown>[] {
  return statements(parsePolicy(doc)).filter((s) => {
    if (s.Effect !== 'Allow') return false;
    const actions = list(s.Action);
    if (!actions.includes('*')) return false;
    return !onStarResource || list(s.Resource).includes('*');
  });
}

/** Ingress from the world on a port range that is not only 80/443. */
function worldOnNonWeb(cidrs: unknown, protocol: unknown, from: unknown, to: unknown): boolean {
  if (!isWorld(cidrs)) return false;
  const p = String(protocol ?? '').toLowerCase();
  if (p === '-1' || p === 'all') return true;
  const f = num(from);
  const t = num(to);
  if (f === undefined || t === undefined) return !isExpression(from) && !isExpression(to);
  return rangeBeyondWeb(f, t);
}

function openIngressViolations(blocks: unknown, attribute: string): Violation[] {
  const out: Violation[] = [];
  (Array.isArray(blocks) ? blocks : blocks ? [blocks] : []).forEach((b: Record<string, unknown>, i: number) => {
    const cidrs = [...list(b.cidr_blocks), ...list(b.ipv6_cidr_blocks)];
    if (worldOnNonWeb(cidrs, b.protocol, b.from_port, b.to_port)) out.push({ attribute: `${attribute}.${i}`, value: `${b.protocol} ${b.from_port}-${b.to_port} from ${cidrs.join(',')}` });
  });
  return out;
}

/** Every Allow statement with Principal `*` and no Condition. */
function publicPrincipal(doc: unknown): boolean {
  return statements(parsePolicy(doc)).some((s) => {
    if (s.Effect !== 'Allow' || s.Condition) return false;
    const p = s.Principal as unknown;
    return p === '*' || (p && typeof p === 'object' && list((p as Record<string, unknown>).AWS).includes('*'));
  });
}

export const AWS_RULES: readonly PolicyRule[] = [
  // ------------------------------------------------------------------ S3
  rule({
    id: 'AWS-S3-001',
    types: 'aws_s3_bucket',
    description: 'S3 bucket has a public access block',
    fix: 'add aws_s3_bucket_public_access_block with all four settings true (the Bucket construct does)',
    checkov: 'CKV2_AWS_6',
    check: requireCompanion('aws_s3_bucket_public_access_block', 'aws_s3_bucket_public_access_block'),
  }),
  rule({
    id: 'AWS-S3-002',
    types: 'aws_s3_bucket_public_access_block',
    description: 'public access block sets block_public_acls, block_public_policy, ignore_public_acls and restrict_public_buckets',
    fix: 'set all four to true',
    checkov: ['CKV_AWS_53', 'CKV_AWS_54', 'CKV_AWS_55', 'CKV_AWS_56'],
    check: (r) =>
      ['block_public_acls', 'block_public_policy', 'ignore_public_acls', 'restrict_public_buckets']
        .filter((a) => !isTrue(r.attrs[a]))
        .map((a) => ({ attribute: a, value: r.attrs[a] })),
  }),
  rule({
    id: 'AWS-S3-003',
    types: 'aws_s3_bucket',
    description: 'S3 bucket has default server-side encryption configured',
    fix: 'add aws_s3_bucket_server_side_encryption_configuration (SSE-KMS where the readers allow it)',
    checkov: 'CKV_AWS_19',
    check: requireCompanion('aws_s3_bucket_server_side_encryption_configuration', 'aws_s3_bucket_server_side_encryption_configuration'),
  }),
  rule({
    id: 'AWS-S3-004',
    types: 'aws_s3_bucket',
    description: 'S3 bucket policy denies requests without TLS (aws:SecureTransport false)',
    fix: 'add a bucket policy statement Deny s3:* when aws:SecureTransport is false',
    check: (r, ctx) => {
      const ok = companions(r, ctx, 'aws_s3_bucket_policy').some((p) =>
        statements(parsePolicy(p.attrs.policy)).some((s) => s.Effect === 'Deny' && JSON.stringify(s.Condition ?? {}).includes('"aws:SecureTransport":"false"')),
      );
      return ok ? undefined : { attribute: 'aws_s3_bucket_policy', value: undefined, detail: 'no Deny on aws:SecureTransport=false' };
    },
  }),
  rule({
    id: 'AWS-S3-005',
    types: 'aws_s3_bucket',
    description: 'S3 bucket versioning is enabled',
    fix: 'add aws_s3_bucket_versioning with status Enabled',
    checkov: 'CKV_AWS_21',
    check: (r, ctx) => {
      const v = companions(r, ctx, 'aws_s3_bucket_versioning');
      const status = v.map((x) => get(x.attrs, 'versioning_configuration.status'));
      return status.some((s) => s === 'Enabled' || isExpression(s)) ? undefined : { attribute: 'aws_s3_bucket_versioning.versioning_configuration.status', value: status[0] };
    },
  }),
  rule({
    id: 'AWS-S3-006',
    types: 'aws_s3_bucket_acl',
    description: 'S3 bucket ACL is not public',
    fix: 'drop the ACL (BucketOwnerEnforced) or use private',
    checkov: 'CKV_AWS_20',
    check: forbidValues('acl', ['public-read', 'public-read-write', 'authenticated-read']),
  }),
  rule({
    id: 'AWS-S3-007',
    severity: 'warning',
    types: 'aws_s3_bucket',
    description: 'S3 bucket disables ACLs (ownership BucketOwnerEnforced)',
    fix: 'add aws_s3_bucket_ownership_controls with object_ownership BucketOwnerEnforced',
    checkov: 'CKV2_AWS_65',
    check: (r, ctx) => {
      const o = companions(r, ctx, 'aws_s3_bucket_ownership_controls').map((x) => get(x.attrs, 'rule.object_ownership'));
      return o.includes('BucketOwnerEnforced') ? undefined : { attribute: 'aws_s3_bucket_ownership_controls.rule.object_ownership', value: o[0] };
    },
  }),
  rule({
    id: 'AWS-S3-008',
    severity: 'warning',
    types: 'aws_s3_bucket',
    description: 'S3 default encryption uses a KMS key (aws:kms)',
    fix: 'set sse_algorithm aws:kms with kms_master_key_id in aws_s3_bucket_server_side_encryption_configuration',
    checkov: 'CKV_AWS_145',
    check: (r, ctx) => {
      const algos = companions(r, ctx, 'aws_s3_bucket_server_side_encryption_configuration').map((c) => get(c.attrs, 'rule.apply_server_side_encryption_by_default.sse_algorithm'));
      return algos.some((v) => v === 'aws:kms' || v === 'aws:kms:dsse' || isExpression(v)) ? undefined : { attribute: 'aws_s3_bucket_server_side_encryption_configuration.sse_algorithm', value: algos[0] };
    },
  }),
  rule({
    id: 'AWS-S3-009',
    severity: 'warning',
    types: 'aws_s3_bucket',
    description: 'S3 bucket has server access logging',
    fix: 'add aws_s3_bucket_logging to a log bucket',
    checkov: 'CKV_AWS_18',
    check: requireCompanion('aws_s3_bucket_logging', 'aws_s3_bucket_logging'),
  }),
  rule({
    id: 'AWS-S3-010',
    types: 'aws_s3_bucket_policy',
    description: 'S3 bucket policy does not allow any principal (*) without a condition',
    fix: 'name the principals (a service, an account, an OAC with aws:SourceArn)',
    checkov: 'CKV_AWS_70',
    check: (r) => (publicPrincipal(r.attrs.policy) ? { attribute: 'policy', value: 'Allow Principal "*" without Condition' } : undefined),
  }),
  // ------------------------------------------------------------------ RDS
  rule({
    id: 'AWS-RDS-001',
    types: ['aws_db_instance', 'aws_rds_cluster'],
    description: 'database storage is encrypted',
    fix: 'set storage_encrypted true (with kms_key_id)',
    checkov: ['CKV_AWS_16', 'CKV_AWS_96'],
    check: (r) => (r.type === 'aws_rds_cluster' && r.attrs.engine_mode === 'serverless' ? undefined : requireTrue('storage_encrypted')(r, undefined as never)),
  }),
  rule({
    id: 'AWS-RDS-002',
    types: ['aws_db_instance', 'aws_rds_cluster'],
    description: 'automated backups are kept at least 7 days',
    fix: 'set backup_retention_period to 7 or more',
    checkov: 'CKV_AWS_133',
    check: (r) => (r.attrs.replicate_source_db ? undefined : requireAtLeast('backup_retention_period', 7, r.type === 'aws_rds_cluster' ? 1 : 0)(r, undefined as never)),
  }),
  rule({
    id: 'AWS-RDS-003',
    stage: 'production',
    types: ['aws_db_instance', 'aws_rds_cluster'],
    description: 'production database has deletion protection',
    fix: 'set deletion_protection true',
    checkov: ['CKV_AWS_293', 'CKV_AWS_139'],
    check: requireTrue('deletion_protection'),
  }),
  rule({
    id: 'AWS-RDS-004',
    types: 'aws_db_instance',
    description: 'database is not publicly accessible',
    fix: 'set publicly_accessible false and place it in private subnets',
    checkov: 'CKV_AWS_17',
    check: forbidTrue('publicly_accessible'),
  }),
  rule({
    id: 'AWS-RDS-005',
    stage: 'production',
    types: 'aws_db_instance',
    description: 'production database is Multi-AZ',
    fix: 'set multi_az true',
    checkov: 'CKV_AWS_157',
    check: (r) => (r.attrs.replicate_source_db ? undefined : requireTrue('multi_az')(r, undefined as never)),
  }),
  rule({
    id: 'AWS-RDS-006',
    severity: 'warning',
    types: 'aws_db_instance',
    description: 'IAM database authentication is enabled',
    fix: 'set iam_database_authentication_enabled true',
    checkov: 'CKV_AWS_161',
    check: (r) => (String(r.attrs.engine ?? '').startsWith('postgres') || String(r.attrs.engine ?? '').startsWith('mysql') ? requireTrue('iam_database_authentication_enabled')(r, undefined as never) : undefined),
  }),
  rule({
    id: 'AWS-RDS-007',
    severity: 'warning',
    types: 'aws_db_instance',
    description: 'minor engine upgrades are applied automatically',
    fix: 'set auto_minor_version_upgrade true',
    checkov: 'CKV_AWS_226',
    check: requireTrue('auto_minor_version_upgrade'),
  }),
  // ------------------------------------------------------------------ ElastiCache
  rule({
    id: 'AWS-EC-001',
    types: 'aws_elasticache_replication_group',
    description: 'ElastiCache encrypts data at rest',
    fix: 'set at_rest_encryption_enabled true (with kms_key_id)',
    checkov: 'CKV_AWS_29',
    check: requireTrue('at_rest_encryption_enabled'),
  }),
  rule({
    id: 'AWS-EC-002',
    types: 'aws_elasticache_replication_group',
    description: 'ElastiCache encrypts data in transit',
    fix: 'set transit_encryption_enabled true',
    checkov: 'CKV_AWS_30',
    check: requireTrue('transit_encryption_enabled'),
  }),
  rule({
    id: 'AWS-EC-003',
    types: 'aws_elasticache_replication_group',
    description: 'ElastiCache Redis requires an AUTH token or RBAC user group',
    fix: 'set auth_token (generated, in Secrets Manager) or user_group_ids',
    checkov: 'CKV_AWS_31',
    check: (r) => (isSet(r.attrs.auth_token) || isSet(r.attrs.user_group_ids) ? undefined : { attribute: 'auth_token', value: undefined }),
  }),
  rule({
    id: 'AWS-EC-004',
    types: ['aws_elasticache_replication_group', 'aws_elasticache_cluster'],
    description: 'ElastiCache keeps automatic snapshots (backups)',
    fix: 'set snapshot_retention_limit to 1 or more',
    checkov: 'CKV_AWS_134',
    check: (r) => (r.type === 'aws_elasticache_cluster' && r.attrs.engine === 'memcached' ? undefined : requireAtLeast('snapshot_retention_limit', 1, 0)(r, undefined as never)),
  }),
  // ------------------------------------------------------------------ ALB
  rule({
    id: 'AWS-ALB-001',
    types: ['aws_lb_listener', 'aws_alb_listener'],
    description: 'load balancer listener uses HTTPS, or only redirects HTTP to HTTPS',
    fix: 'configure a certificate (HTTPS listener) and make the HTTP listener redirect',
    checkov: ['CKV_AWS_2', 'CKV2_AWS_20', 'CKV_AWS_103'],
    check: (r) => {
      const p = r.attrs.protocol;
      if (p === undefined || p === 'HTTPS' || p === 'TLS' || p === 'TCP' || p === 'UDP' || p === 'TCP_UDP' || isExpression(p)) return undefined;
      const actions = Array.isArray(r.attrs.default_action) ? r.attrs.default_action : [r.attrs.default_action];
      const redirects = actions.some((a: Record<string, unknown>) => a && a.type === 'redirect' && get(a, 'redirect.protocol') === 'HTTPS');
      return redirects ? undefined : { attribute: 'protocol', value: p, detail: 'default action does not redirect to HTTPS' };
    },
  }),
  rule({
    id: 'AWS-ALB-002',
    types: ['aws_lb_listener', 'aws_alb_listener'],
    description: 'HTTPS/TLS listener uses a TLS 1.2+ security policy',
    fix: 'set ssl_policy ELBSecurityPolicy-TLS13-1-2-2021-06',
    checkov: 'CKV_AWS_103',
    check: (r) => {
      if (r.attrs.protocol !== 'HTTPS' && r.attrs.protocol !== 'TLS') return undefined;
      const p = r.attrs.ssl_policy;
      if (isExpression(p)) return undefined;
      return typeof p === 'string' && /TLS13|TLS-1-2|FS-1-2|TLS-1-3/.test(p) ? undefined : { attribute: 'ssl_policy', value: p };
    },
  }),
  rule({
    id: 'AWS-ALB-003',
    types: ['aws_lb', 'aws_alb'],
    description: 'application load balancer drops invalid HTTP header fields',
    fix: 'set drop_invalid_header_fields true',
    checkov: 'CKV_AWS_131',
    check: (r) => ((r.attrs.load_balancer_type ?? 'application') === 'application' ? requireTrue('drop_invalid_header_fields')(r, undefined as never) : undefined),
  }),
  rule({
    id: 'AWS-ALB-004',
    severity: 'warning',
    types: ['aws_lb', 'aws_alb'],
    description: 'load balancer writes access logs',
    fix: 'set access_logs { enabled = true, bucket = ... }',
    checkov: 'CKV_AWS_91',
    check: (r) => (isTrue(get(r.attrs, 'access_logs.enabled')) ? undefined : { attribute: 'access_logs.enabled', value: get(r.attrs, 'access_logs.enabled') }),
  }),
  rule({
    id: 'AWS-ALB-005',
    stage: 'production',
    types: ['aws_lb', 'aws_alb'],
    description: 'production load balancer has deletion protection',
    fix: 'set enable_deletion_protection true',
    checkov: 'CKV_AWS_150',
    check: requireTrue('enable_deletion_protection'),
  }),
  rule({
    id: 'AWS-WAF-001',
    stage: 'production',
    types: ['aws_lb', 'aws_alb', 'aws_api_gateway_stage'],
    description: 'internet-facing entry point in production has a WAF web ACL',
    fix: 'add a WebAcl (aws_wafv2_web_acl_association) in front of it',
    checkov: 'CKV2_AWS_28',
    check: (r, ctx) => {
      if (r.type !== 'aws_api_gateway_stage' && (isTrue(r.attrs.internal) || (r.attrs.load_balancer_type ?? 'application') !== 'application')) return undefined;
      return ctx.referencing(r, 'aws_wafv2_web_acl_association', 'resource_arn').length > 0 ? undefined : { attribute: 'aws_wafv2_web_acl_association', value: undefined };
    },
  }),
  rule({
    id: 'AWS-WAF-002',
    severity: 'warning',
    types: 'aws_wafv2_web_acl',
    description: 'WAF web ACL has logging',
    fix: 'add aws_wafv2_web_acl_logging_configuration',
    checkov: 'CKV2_AWS_31',
    check: requireCompanion('aws_wafv2_web_acl_logging_configuration', 'aws_wafv2_web_acl_logging_configuration'),
  }),
  rule({
    id: 'AWS-WAF-003',
    severity: 'warning',
    types: 'aws_wafv2_web_acl',
    description: 'WAF web ACL includes the known-bad-inputs managed rules (Log4j)',
    fix: 'add AWSManagedRulesKnownBadInputsRuleSet',
    checkov: 'CKV_AWS_192',
    check: (r) => (JSON.stringify(r.attrs.rule ?? []).includes('AWSManagedRulesKnownBadInputsRuleSet') || isExpression(r.attrs.rule_json) ? undefined : { attribute: 'rule', value: 'no AWSManagedRulesKnownBadInputsRuleSet' }),
  }),
  // ------------------------------------------------------------------ security groups
  rule({
    id: 'AWS-SG-001',
    types: 'aws_vpc_security_group_ingress_rule',
    description: 'no ingress from the internet (0.0.0.0/0, ::/0) on ports other than 80/443',
    fix: 'restrict the source to a security group or a known CIDR',
    checkov: ['CKV_AWS_24', 'CKV_AWS_25', 'CKV_AWS_277'],
    check: (r) =>
      worldOnNonWeb([...list(r.attrs.cidr_ipv4), ...list(r.attrs.cidr_ipv6)], r.attrs.ip_protocol, r.attrs.from_port, r.attrs.to_port)
        ? { attribute: 'cidr_ipv4', value: `${r.attrs.ip_protocol} ${r.attrs.from_port ?? '*'}-${r.attrs.to_port ?? '*'} from ${r.attrs.cidr_ipv4 ?? r.attrs.cidr_ipv6}` }
        : undefined,
  }),
  rule({
    id: 'AWS-SG-002',
    types: ['aws_security_group', 'aws_security_group_rule'],
    description: 'no inline/legacy ingress from the internet on ports other than 80/443',
    fix: 'restrict the source; prefer aws_vpc_security_group_ingress_rule (SecurityGroup.allowFrom)',
    checkov: ['CKV_AWS_24', 'CKV_AWS_25', 'CKV_AWS_277'],
    check: (r) => (r.type === 'aws_security_group' ? openIngressViolations(r.attrs.ingress, 'ingress') : r.attrs.type === 'ingress' ? openIngressViolations([r.attrs], 'cidr_blocks') : undefined),
  }),
  rule({
    id: 'AWS-SG-003',
    types: 'aws_vpc',
    description: 'the default security group of the VPC allows no traffic',
    fix: 'manage aws_default_security_group with no ingress and no egress (the Vpc construct does)',
    checkov: 'CKV2_AWS_12',
    check: (r, ctx) => {
      const d = ctx.referencing(r, 'aws_default_security_group', 'vpc_id');
      if (d.length === 0) return { attribute: 'aws_default_security_group', value: undefined };
      const open = d.find((x) => isSet(x.attrs.ingress) || isSet(x.attrs.egress));
      return open ? { attribute: 'aws_default_security_group.ingress', value: open.attrs.ingress ?? open.attrs.egress } : undefined;
    },
  }),
  rule({
    id: 'AWS-SG-004',
    severity: 'warning',
    types: ['aws_vpc_security_group_ingress_rule', 'aws_vpc_security_group_egress_rule', 'aws_security_group'],
    description: 'security groups and their rules have a description',
    fix: 'set description',
    checkov: 'CKV_AWS_23',
    check: requireSet('description'),
  }),
  // ------------------------------------------------------------------ IAM
  rule({
    id: 'AWS-IAM-001',
    types: IAM_POLICY_TYPES,
    description: 'no policy allows * actions on * resources (full admin)',
    fix: 'list the actions and resources the principal needs',
    checkov: ['CKV_AWS_62', 'CKV_AWS_1', 'CKV_AWS_286', 'CKV_AWS_289'],
    check: (r) => (wildcardStatements(r.attrs.policy, true).length ? { attribute: 'policy', value: 'Allow Action "*" on Resource "*"' } : undefined),
  }),
  rule({
    id: 'AWS-IAM-002',
    types: IAM_POLICY_TYPES,
    description: 'no policy allows the * action',
    fix: 'list the actions the principal needs',
    checkov: 'CKV_AWS_63',
    check: (r) => (wildcardStatements(r.attrs.policy, false).length ? { attribute: 'policy', value: 'Allow Action "*"' } : undefined),
  }),
  rule({
    id: 'AWS-IAM-003',
    types: 'aws_iam_role',
    description: 'role trust policy does not let any principal (*) assume it',
    fix: 'name the service or account principal',
    checkov: 'CKV_AWS_60',
    check: (r) => (publicPrincipal(r.attrs.assume_role_policy) ? { attribute: 'assume_role_policy', value: 'Allow Principal "*"' } : undefined),
  }),
  rule({
    id: 'AWS-IAM-004',
    types: ['aws_iam_user_policy', 'aws_iam_user_policy_attachment'],
    description: 'policies are attached to roles or groups, not users',
    fix: 'attach the policy to a group or role',
    checkov: 'CKV_AWS_40',
    check: (r) => ({ attribute: 'user', value: r.attrs.user }),
  }),
  rule({
    id: 'AWS-IAM-005',
    types: ['aws_iam_role_policy_attachment', 'aws_iam_policy_attachment', 'aws_iam_user_policy_attachment', 'aws_iam_group_policy_attachment'],
    description: 'AdministratorAccess is not attached',
    fix: 'attach a least-privilege policy',
    checkov: 'CKV_AWS_274',
    check: (r) => (String(r.attrs.policy_arn ?? '').endsWith(':policy/AdministratorAccess') ? { attribute: 'policy_arn', value: r.attrs.policy_arn } : undefined),
  }),
  // ------------------------------------------------------------------ CloudWatch, KMS, secrets
  rule({
    id: 'AWS-CW-001',
    types: 'aws_cloudwatch_log_group',
    description: 'log group has a retention period',
    fix: 'set retention_in_days',
    checkov: 'CKV_AWS_66',
    check: (r) => (isSet(r.attrs.retention_in_days) && r.attrs.retention_in_days !== 0 ? undefined : { attribute: 'retention_in_days', value: r.attrs.retention_in_days }),
  }),
  rule({
    id: 'AWS-CW-002',
    severity: 'warning',
    types: 'aws_cloudwatch_log_group',
    description: 'log group keeps logs at least 365 days',
    fix: 'set retention_in_days to 365 or more',
    checkov: 'CKV_AWS_338',
    check: requireAtLeast('retention_in_days', 365, 0),
  }),
  rule({
    id: 'AWS-CW-003',
    types: 'aws_cloudwatch_log_group',
    description: 'log group is encrypted with a KMS key',
    fix: 'set kms_key_id (the key policy must allow logs.<region>.amazonaws.com)',
    checkov: 'CKV_AWS_158',
    check: requireSet('kms_key_id'),
  }),
  rule({
    id: 'AWS-KMS-001',
    types: 'aws_kms_key',
    description: 'KMS key rotation is enabled (symmetric keys)',
    fix: 'set enable_key_rotation true',
    checkov: 'CKV_AWS_7',
    check: (r) => ((r.attrs.customer_master_key_spec ?? 'SYMMETRIC_DEFAULT') === 'SYMMETRIC_DEFAULT' ? requireTrue('enable_key_rotation')(r, undefined as never) : undefined),
  }),
  rule({
    id: 'AWS-SM-001',
    types: 'aws_secretsmanager_secret',
    description: 'secret is encrypted with a customer-managed KMS key',
    fix: 'set kms_key_id',
    checkov: 'CKV_AWS_149',
    check: requireSet('kms_key_id'),
  }),
  // ------------------------------------------------------------------ EC2 / EBS / VPC
  rule({
    id: 'AWS-EC2-001',
    types: ['aws_instance', 'aws_launch_template'],
    description: 'instance metadata requires IMDSv2 tokens',
    fix: 'set metadata_options { http_tokens = "required" }',
    checkov: 'CKV_AWS_79',
    check: (r) => {
      const v = get(r.attrs, 'metadata_options.http_tokens');
      if (get(r.attrs, 'metadata_options.http_endpoint') === 'disabled') return undefined;
      return v === 'required' || isExpression(v) ? undefined : { attribute: 'metadata_options.http_tokens', value: v };
    },
  }),
  rule({
    id: 'AWS-EC2-002',
    types: ['aws_ebs_volume', 'aws_instance', 'aws_launch_template'],
    description: 'EBS volumes are encrypted',
    fix: 'set encrypted true (with kms_key_id) on every volume',
    checkov: ['CKV_AWS_3', 'CKV_AWS_8'],
    check: (r) => {
      if (r.type === 'aws_ebs_volume') return requireTrue('encrypted')(r, undefined as never);
      if (r.type === 'aws_instance') {
        const out: Violation[] = [];
        const root = get(r.attrs, 'root_block_device.encrypted');
        if (!isTrue(root)) out.push({ attribute: 'root_block_device.encrypted', value: root });
        ((r.attrs.ebs_block_device as Record<string, unknown>[] | undefined) ?? []).forEach((b, i) => !isTrue(b.encrypted) && out.push({ attribute: `ebs_block_device.${i}.encrypted`, value: b.encrypted }));
        return out;
      }
      const maps = (r.attrs.block_device_mappings as Record<string, unknown>[] | undefined) ?? [];
      return maps.flatMap((m, i) => (get(m, 'ebs') && !isTrue(get(m, 'ebs.encrypted')) ? [{ attribute: `block_device_mappings.${i}.ebs.encrypted`, value: get(m, 'ebs.encrypted') }] : []));
    },
  }),
  rule({
    id: 'AWS-EC2-003',
    severity: 'warning',
    types: 'aws_instance',
    description: 'instance gets no public IP address',
    fix: 'set associate_public_ip_address false; reach it through a load balancer or SSM',
    checkov: 'CKV_AWS_88',
    check: forbidTrue('associate_public_ip_address'),
  }),
  rule({
    id: 'AWS-VPC-001',
    types: 'aws_vpc',
    description: 'VPC has flow logs',
    fix: 'add aws_flow_log for the VPC (the Vpc construct does)',
    checkov: 'CKV2_AWS_11',
    check: requireCompanion('aws_flow_log', 'aws_flow_log'),
  }),
  rule({
    id: 'AWS-VPC-002',
    severity: 'warning',
    types: 'aws_subnet',
    description: 'subnets do not assign public IPs on launch',
    fix: 'set map_public_ip_on_launch false',
    checkov: 'CKV_AWS_130',
    check: forbidTrue('map_public_ip_on_launch'),
  }),
  // ------------------------------------------------------------------ ECR, ECS
  rule({
    id: 'AWS-ECR-001',
    types: 'aws_ecr_repository',
    description: 'ECR scans images on push',
    fix: 'set image_scanning_configuration { scan_on_push = true }',
    checkov: 'CKV_AWS_163',
    check: (r) => (isTrue(get(r.attrs, 'image_scanning_configuration.scan_on_push')) ? undefined : { attribute: 'image_scanning_configuration.scan_on_push', value: get(r.attrs, 'image_scanning_configuration.scan_on_push') }),
  }),
  rule({
    id: 'AWS-ECR-002',
    types: 'aws_ecr_repository',
    description: 'ECR image tags are immutable',
    fix: 'set image_tag_mutability IMMUTABLE (or IMMUTABLE_WITH_EXCLUSION for named exceptions)',
    checkov: 'CKV_AWS_51',
    check: requireValues('image_tag_mutability', ['IMMUTABLE']),
  }),
  rule({
    id: 'AWS-ECR-003',
    severity: 'warning',
    types: 'aws_ecr_repository',
    description: 'ECR repository is encrypted with KMS',
    fix: 'set encryption_configuration { encryption_type = "KMS" }',
    checkov: 'CKV_AWS_136',
    check: (r) => (get(r.attrs, 'encryption_configuration.encryption_type') === 'KMS' ? undefined : { attribute: 'encryption_configuration.encryption_type', value: get(r.attrs, 'encryption_configuration.encryption_type') }),
  }),
  rule({
    id: 'AWS-ECS-001',
    types: 'aws_ecs_service',
    description: 'ECS service does not give tasks public IPs',
    fix: 'set network_configuration { assign_public_ip = false } and use private subnets',
    checkov: 'CKV_AWS_333',
    check: forbidTrue('network_configuration.assign_public_ip'),
  }),
  rule({
    id: 'AWS-ECS-002',
    severity: 'warning',
    types: 'aws_ecs_cluster',
    description: 'ECS cluster has Container Insights',
    fix: 'set setting { name = "containerInsights", value = "enabled" }',
    checkov: 'CKV_AWS_65',
    check: (r) => (/containerInsights[^}]*"(enabled|enhanced)"/.test(JSON.stringify(r.attrs.setting ?? [])) ? undefined : { attribute: 'setting.containerInsights', value: undefined }),
  }),
  rule({
    id: 'AWS-ECS-003',
    types: 'aws_ecs_task_definition',
    description: 'no container runs privileged',
    fix: 'remove privileged: true from the container definition',
    checkov: 'CKV_AWS_97',
    check: (r) => (/"privileged"\s*:\s*true/.test(String(r.attrs.container_definitions ?? '')) ? { attribute: 'container_definitions.privileged', value: true } : undefined),
  }),
  // ------------------------------------------------------------------ CloudFront
  rule({
    id: 'AWS-CF-001',
    types: 'aws_cloudfront_distribution',
    description: 'CloudFront viewers use TLS 1.2 or newer',
    fix: 'use an ACM certificate with minimum_protocol_version TLSv1.2_2021',
    checkov: ['CKV_AWS_174', 'CKV2_AWS_42'],
    check: (r) => {
      const v = get(r.attrs, 'viewer_certificate.minimum_protocol_version');
      if (isTrue(get(r.attrs, 'viewer_certificate.cloudfront_default_certificate'))) return { attribute: 'viewer_certificate.cloudfront_default_certificate', value: true, detail: 'the default certificate allows TLS 1.0' };
      return typeof v === 'string' && /^TLSv1\.[23]/.test(v) ? undefined : isExpression(v) ? undefined : { attribute: 'viewer_certificate.minimum_protocol_version', value: v };
    },
  }),
  rule({
    id: 'AWS-CF-002',
    types: 'aws_cloudfront_distribution',
    description: 'CloudFront cache behaviours redirect or require HTTPS',
    fix: 'set viewer_protocol_policy redirect-to-https (or https-only)',
    checkov: 'CKV_AWS_34',
    check: (r) => {
      const out: Violation[] = [];
      if (get(r.attrs, 'default_cache_behavior.viewer_protocol_policy') === 'allow-all') out.push({ attribute: 'default_cache_behavior.viewer_protocol_policy', value: 'allow-all' });
      ((r.attrs.ordered_cache_behavior as Record<string, unknown>[] | undefined) ?? []).forEach((b, i) => b.viewer_protocol_policy === 'allow-all' && out.push({ attribute: `ordered_cache_behavior.${i}.viewer_protocol_policy`, value: 'allow-all' }));
      return out;
    },
  }),
  rule({
    id: 'AWS-CF-003',
    stage: 'production',
    types: 'aws_cloudfront_distribution',
    description: 'production CloudFront distribution has a WAF web ACL',
    fix: 'set web_acl_id (a CLOUDFRONT-scope WebAcl)',
    checkov: 'CKV_AWS_68',
    check: requireSet('web_acl_id'),
  }),
  rule({
    id: 'AWS-CF-004',
    severity: 'warning',
    types: 'aws_cloudfront_distribution',
    description: 'CloudFront writes access logs (legacy logging_config or standard logging v2)',
    fix: 'add logging_config, or an aws_cloudwatch_log_delivery_source for the distribution',
    checkov: 'CKV_AWS_86',
    check: (r, ctx) => (isSet(r.attrs.logging_config) || ctx.referencing(r, 'aws_cloudwatch_log_delivery_source', 'resource_arn').length > 0 ? undefined : { attribute: 'logging_config', value: undefined }),
  }),
  rule({
    id: 'AWS-CF-005',
    severity: 'warning',
    types: 'aws_cloudfront_distribution',
    description: 'CloudFront adds security response headers',
    fix: 'set default_cache_behavior.response_headers_policy_id',
    checkov: 'CKV2_AWS_32',
    check: (r) => (isSet(get(r.attrs, 'default_cache_behavior.response_headers_policy_id')) ? undefined : { attribute: 'default_cache_behavior.response_headers_policy_id', value: undefined }),
  }),
  // ------------------------------------------------------------------ Lambda, SQS, SNS, DynamoDB
  rule({
    id: 'AWS-LAMBDA-001',
    types: 'aws_lambda_function',
    description: 'Lambda function has a dead-letter queue or an on-failure destination',
    fix: 'set dead_letter_config { target_arn = <SQS queue> } or an aws_lambda_function_event_invoke_config on_failure',
    checkov: 'CKV_AWS_116',
    check: (r, ctx) => (isSet(get(r.attrs, 'dead_letter_config.target_arn')) || ctx.referencing(r, 'aws_lambda_function_event_invoke_config', 'function_name').length > 0 ? undefined : { attribute: 'dead_letter_config', value: undefined }),
  }),
  rule({
    id: 'AWS-LAMBDA-002',
    types: 'aws_lambda_function',
    description: 'Lambda function has reserved concurrency',
    fix: 'set reserved_concurrent_executions',
    checkov: 'CKV_AWS_115',
    check: (r) => (isSet(r.attrs.reserved_concurrent_executions) && r.attrs.reserved_concurrent_executions !== -1 ? undefined : { attribute: 'reserved_concurrent_executions', value: r.attrs.reserved_concurrent_executions }),
  }),
  rule({
    id: 'AWS-LAMBDA-003',
    severity: 'warning',
    types: 'aws_lambda_function',
    description: 'Lambda function has active X-Ray tracing',
    fix: 'set tracing_config { mode = "Active" }',
    checkov: 'CKV_AWS_50',
    check: requireValues('tracing_config.mode', ['Active']),
  }),
  rule({
    id: 'AWS-LAMBDA-004',
    severity: 'warning',
    types: 'aws_lambda_function',
    description: 'Lambda environment variables are encrypted with a KMS key',
    fix: 'set kms_key_arn',
    checkov: 'CKV_AWS_173',
    check: (r) => (isSet(get(r.attrs, 'environment.variables')) && !isSet(r.attrs.kms_key_arn) ? { attribute: 'kms_key_arn', value: undefined } : undefined),
  }),
  rule({
    id: 'AWS-SQS-001',
    types: 'aws_sqs_queue',
    description: 'SQS queue is encrypted',
    fix: 'set kms_master_key_id (or sqs_managed_sse_enabled true)',
    checkov: 'CKV_AWS_27',
    check: (r) => (isSet(r.attrs.kms_master_key_id) || isTrue(r.attrs.sqs_managed_sse_enabled) ? undefined : { attribute: 'kms_master_key_id', value: undefined }),
  }),
  rule({
    id: 'AWS-SNS-001',
    types: 'aws_sns_topic',
    description: 'SNS topic is encrypted with a KMS key',
    fix: 'set kms_master_key_id',
    checkov: 'CKV_AWS_26',
    check: requireSet('kms_master_key_id'),
  }),
  rule({
    id: 'AWS-SQS-002',
    types: ['aws_sqs_queue_policy', 'aws_sns_topic_policy'],
    description: 'queue and topic policies do not allow any principal (*) without a condition',
    fix: 'name the principals or add an aws:SourceArn condition',
    checkov: ['CKV_AWS_72', 'CKV_AWS_169'],
    check: (r) => (publicPrincipal(r.attrs.policy) ? { attribute: 'policy', value: 'Allow Principal "*" without Condition' } : undefined),
  }),
  rule({
    id: 'AWS-DDB-001',
    types: 'aws_dynamodb_table',
    description: 'DynamoDB point-in-time recovery is enabled',
    fix: 'set point_in_time_recovery { enabled = true }',
    checkov: 'CKV_AWS_28',
    check: (r) => (isTrue(get(r.attrs, 'point_in_time_recovery.enabled')) ? undefined : { attribute: 'point_in_time_recovery.enabled', value: get(r.attrs, 'point_in_time_recovery.enabled') }),
  }),
  rule({
    id: 'AWS-DDB-002',
    severity: 'warning',
    types: 'aws_dynamodb_table',
    description: 'DynamoDB table is encrypted with a customer-managed KMS key',
    fix: 'set server_side_encryption { enabled = true, kms_key_arn = ... }',
    checkov: 'CKV_AWS_119',
    check: (r) => (isTrue(get(r.attrs, 'server_side_encryption.enabled')) ? undefined : { attribute: 'server_side_encryption.enabled', value: get(r.attrs, 'server_side_encryption.enabled') }),
  }),
  // ------------------------------------------------------------------ hygiene (warnings; checkov parity)
  rule({
    id: 'AWS-S3-011',
    severity: 'warning',
    types: 'aws_s3_bucket',
    description: 'S3 bucket replicates to another Region',
    fix: 'add aws_s3_bucket_replication_configuration (or suppress with the reason)',
    checkov: 'CKV_AWS_144',
    check: requireCompanion('aws_s3_bucket_replication_configuration', 'aws_s3_bucket_replication_configuration'),
  }),
  rule({
    id: 'AWS-S3-012',
    severity: 'warning',
    types: 'aws_s3_bucket',
    description: 'S3 bucket has a lifecycle configuration',
    fix: 'add aws_s3_bucket_lifecycle_configuration (expire or archive)',
    checkov: 'CKV2_AWS_61',
    check: requireCompanion('aws_s3_bucket_lifecycle_configuration', 'aws_s3_bucket_lifecycle_configuration'),
  }),
  rule({
    id: 'AWS-S3-013',
    severity: 'warning',
    types: 'aws_s3_bucket',
    description: 'S3 bucket sends event notifications',
    fix: 'add aws_s3_bucket_notification (or suppress: nothing consumes the events)',
    checkov: 'CKV2_AWS_62',
    check: requireCompanion('aws_s3_bucket_notification', 'aws_s3_bucket_notification'),
  }),
  rule({
    id: 'AWS-RDS-008',
    severity: 'warning',
    types: 'aws_db_instance',
    description: 'RDS enhanced monitoring is on',
    fix: 'set monitoring_interval (e.g. 60) and monitoring_role_arn',
    checkov: 'CKV_AWS_118',
    check: requireAtLeast('monitoring_interval', 1, 0),
  }),
  rule({
    id: 'AWS-RDS-009',
    severity: 'warning',
    types: 'aws_db_instance',
    description: 'RDS exports its logs to CloudWatch',
    fix: 'set enabled_cloudwatch_logs_exports (postgresql, upgrade)',
    checkov: 'CKV_AWS_129',
    check: requireSet('enabled_cloudwatch_logs_exports'),
  }),
  rule({
    id: 'AWS-RDS-010',
    severity: 'warning',
    types: 'aws_db_instance',
    description: 'RDS Performance Insights is on',
    fix: 'set performance_insights_enabled true (with performance_insights_kms_key_id)',
    checkov: 'CKV_AWS_353',
    check: requireTrue('performance_insights_enabled'),
  }),
  rule({
    id: 'AWS-RDS-011',
    severity: 'warning',
    types: 'aws_db_instance',
    description: 'RDS copies tags to snapshots',
    fix: 'set copy_tags_to_snapshot true',
    checkov: 'CKV2_AWS_60',
    check: requireTrue('copy_tags_to_snapshot'),
  }),
  rule({
    id: 'AWS-EC-005',
    severity: 'warning',
    types: 'aws_elasticache_replication_group',
    description: 'ElastiCache is encrypted with a customer-managed KMS key',
    fix: 'set kms_key_id',
    checkov: 'CKV_AWS_191',
    check: requireSet('kms_key_id'),
  }),
  rule({
    id: 'AWS-EC-006',
    severity: 'warning',
    stage: 'production',
    types: 'aws_elasticache_replication_group',
    description: 'production ElastiCache fails over automatically across AZs',
    fix: 'set automatic_failover_enabled and multi_az_enabled true (2+ nodes)',
    checkov: 'CKV2_AWS_50',
    check: (r) => ['automatic_failover_enabled', 'multi_az_enabled'].filter((a) => !isTrue(r.attrs[a])).map((a) => ({ attribute: a, value: r.attrs[a] })),
  }),
  rule({
    id: 'AWS-EC2-004',
    severity: 'warning',
    types: ['aws_instance', 'aws_launch_template'],
    description: 'EC2 detailed monitoring is on',
    fix: 'set monitoring true (launch template: monitoring { enabled = true })',
    checkov: 'CKV_AWS_126',
    check: (r) => {
      const v = r.type === 'aws_instance' ? r.attrs.monitoring : get(r.attrs, 'monitoring.enabled');
      return isTrue(v) ? undefined : { attribute: r.type === 'aws_instance' ? 'monitoring' : 'monitoring.enabled', value: v };
    },
  }),
  rule({
    id: 'AWS-EC2-005',
    severity: 'warning',
    types: ['aws_instance', 'aws_launch_template'],
    description: 'EC2 instance is EBS-optimized',
    fix: 'set ebs_optimized true',
    checkov: 'CKV_AWS_135',
    check: requireTrue('ebs_optimized'),
  }),
  rule({
    id: 'AWS-EC2-006',
    severity: 'warning',
    types: 'aws_ebs_volume',
    description: 'EBS volume is encrypted with a customer-managed KMS key',
    fix: 'set kms_key_id',
    checkov: 'CKV_AWS_189',
    check: requireSet('kms_key_id'),
  }),
  rule({
    id: 'AWS-EC2-007',
    severity: 'warning',
    types: 'aws_instance',
    description: 'EC2 instance has an IAM role (instance profile)',
    fix: 'set iam_instance_profile',
    checkov: 'CKV2_AWS_41',
    check: requireSet('iam_instance_profile'),
  }),
  rule({
    id: 'AWS-SG-005',
    severity: 'warning',
    types: 'aws_security_group',
    description: 'security group is attached to something',
    fix: 'attach it to an instance, load balancer, task or database, or delete it',
    checkov: 'CKV2_AWS_5',
    check: (r, ctx) => {
      const rules = ['aws_vpc_security_group_ingress_rule', 'aws_vpc_security_group_egress_rule', 'aws_security_group_rule'];
      const mine = (v: unknown) => String(v ?? '').includes(`${r.address}.`);
      const used = ctx.referencedBy(r).some((x) => (rules.includes(x.type) ? !mine(x.attrs.security_group_id) : true));
      return used ? undefined : { attribute: 'attachments', value: undefined, detail: 'no resource uses this security group' };
    },
  }),
  rule({
    id: 'AWS-IAM-006',
    types: IAM_POLICY_TYPES,
    description: 'no policy grants full IAM privileges (iam:* or * on *)',
    fix: 'grant the specific iam: actions needed',
    checkov: 'CKV2_AWS_40',
    check: (r) =>
      statements(parsePolicy(r.attrs.policy)).some((st) => st.Effect === 'Allow' && list(st.Resource).includes('*') && list(st.Action).some((a) => a === '*' || a === 'iam:*'))
        ? { attribute: 'policy', value: 'Allow iam:* on "*"' }
        : undefined,
  }),
  rule({
    id: 'AWS-KMS-002',
    severity: 'warning',
    types: 'aws_kms_key',
    description: 'KMS key has an explicit key policy',
    fix: 'set policy (EncryptionKey writes one)',
    checkov: 'CKV2_AWS_64',
    check: requireSet('policy'),
  }),
  rule({
    id: 'AWS-LAMBDA-005',
    severity: 'warning',
    types: 'aws_lambda_function',
    description: 'Lambda function runs inside a VPC',
    fix: 'set vpc_config with private subnets and a security group',
    checkov: 'CKV_AWS_117',
    check: requireSet('vpc_config'),
  }),
  rule({
    id: 'AWS-LAMBDA-006',
    severity: 'warning',
    types: 'aws_lambda_function',
    description: 'Lambda function validates code signing',
    fix: 'set code_signing_config_arn (AWS Signer profile)',
    checkov: 'CKV_AWS_272',
    check: requireSet('code_signing_config_arn'),
  }),
  rule({
    id: 'AWS-CF-006',
    severity: 'warning',
    types: 'aws_cloudfront_distribution',
    description: 'CloudFront has a default root object',
    fix: 'set default_root_object (e.g. index.html)',
    checkov: 'CKV_AWS_305',
    check: requireSet('default_root_object'),
  }),
  rule({
    id: 'AWS-CF-007',
    severity: 'warning',
    types: 'aws_cloudfront_distribution',
    description: 'CloudFront has an origin group for failover',
    fix: 'add origin_group with a secondary origin',
    checkov: 'CKV_AWS_310',
    check: requireSet('origin_group'),
  }),
  rule({
    id: 'AWS-CF-008',
    severity: 'warning',
    types: 'aws_cloudfront_distribution',
    description: 'CloudFront restricts viewer countries',
    fix: 'set restrictions.geo_restriction to a whitelist or blacklist',
    checkov: 'CKV_AWS_374',
    check: (r) => {
      const t = get(r.attrs, 'restrictions.geo_restriction.restriction_type');
      return t === 'whitelist' || t === 'blacklist' || isExpression(t) ? undefined : { attribute: 'restrictions.geo_restriction.restriction_type', value: t };
    },
  }),
  // ------------------------------------------------------------------ production protection
  rule({
    id: 'AWS-PROT-001',
    stage: 'production',
    types: ['aws_db_instance', 'aws_rds_cluster', 'aws_s3_bucket', 'aws_dynamodb_table', 'aws_ecr_repository', 'aws_efs_file_system'],
    description: 'production stateful resource has lifecycle.prevent_destroy',
    fix: 'set lifecycle { prevent_destroy = true } (the construct prop preventDestroy, where it has one)',
    check: preventDestroy(),
  }),
  rule({
    id: 'AWS-PROT-002',
    stage: 'production',
    types: ['aws_dynamodb_table', 'aws_s3_bucket', 'aws_ecr_repository'],
    description: 'production stateful resource carries the provider deletion protection (no force_destroy / force_delete)',
    fix: 'set deletion_protection_enabled true (DynamoDB); leave force_destroy / force_delete off',
    check: (r) => {
      if (r.type === 'aws_dynamodb_table') return requireTrue('deletion_protection_enabled')(r, undefined as never);
      const attr = r.type === 'aws_s3_bucket' ? 'force_destroy' : 'force_delete';
      return forbidTrue(attr)(r, undefined as never);
    },
  }),
];

/** The AWS pack. */
export const AWS_PACK: PolicyPack = { name: 'aws', rules: AWS_RULES };
