import { App } from 'cdktf';
import { Construct } from 'constructs';
import { CANALCO_EMAIL_TEMPLATES, canalcoConfig, CanalcoConfig } from '../config/canalco';
import { BackupPlan } from '../lib/aws/backup';
import { SpaDistribution } from '../lib/aws/cdn';
import { AutoScalingGroup, containerUserData, InstanceRole, LaunchTemplate, MachineImage } from '../lib/aws/compute';
import { EcrRepository } from '../lib/aws/containers/ecr-repository';
import { PostgresDatabase } from '../lib/aws/database';
import { GeneratedSecret } from '../lib/aws/security/generated-secret';
import { HostedZone } from '../lib/aws/dns';
import { EmailDomain } from '../lib/aws/email';
import { ApplicationLoadBalancer } from '../lib/aws/loadbalancing';
import { Queue, Topic } from '../lib/aws/messaging';
import {
  agentMetric,
  AlarmTopic,
  Dashboard,
  databaseConnectionsAlarm,
  databaseFreeStorageAlarm,
  diskUsageAlarm,
  LogGroup,
  MetricAlarm,
  MetricRef,
  serverErrorsAlarms,
  sqsMetric,
} from '../lib/aws/monitoring';
import { NatGateways, Peer, Port, SecurityGroup, Vpc } from '../lib/aws/network';
import {
  Certificate,
  EncryptionKey,
  grantBucketDelete,
  grantBucketRead,
  grantBucketReadWrite,
  grantBucketWrite,
  grantEcrPull,
  grantLogsWrite,
  grantPutMetricData,
  grantSecretRead,
  WebAcl,
} from '../lib/aws/security';
import { PythonFunction, QueueTrigger, ScheduleTrigger, TopicTrigger } from '../lib/aws/serverless';
import { SecureBucket } from '../lib/aws/storage';
import { AwsStack } from '../lib/aws/aws-stack';
import { Policy } from '../lib/policy';

export const CANALCO_ENVIRONMENT_NAMES = ['dev', 'staging', 'prod'] as const;

/** Alias of every Canalco function: the newest published version, which the triggers invoke. */
export const LAMBDA_ALIAS = 'live';

/** Namespace of the business metrics the backend publishes (dimension `Environment`). */
export const BUSINESS_NAMESPACE = 'Canalco/Negocio';
const BUSINESS_METRICS = ['RequisicionesCreadas', 'RequisicionesAprobadas', 'CotizacionesGeneradas', 'OrdenesConfirmadas', 'FacturasRegistradas'];

/** The seed's four document buckets; the frontend reads (and uploads attachments to) the first three. */
const DOCUMENT_BUCKETS = [
  { id: 'Cotizaciones', name: 'cotizaciones', cors: ['GET', 'HEAD'] },
  { id: 'Facturas', name: 'facturas', cors: ['GET', 'HEAD'] },
  { id: 'Adjuntos', name: 'adjuntos', cors: ['GET', 'HEAD', 'PUT'] },
  { id: 'Backups', name: 'backups', cors: [] },
] as const;

/**
 * Canalco (seed 002) on AWS: users → CloudFront → the React build in S3 and
 * the API on an ALB → EC2 Auto Scaling (FastAPI/Django on port 8000) →
 * RDS PostgreSQL and the document buckets; Lambda functions for
 * notifications, audit, cleanup and reports; SES; CloudWatch.
 *
 * Single-AZ dev and the two-AZ network: an Application Load Balancer needs
 * subnets in two AZs and an RDS subnet group does too, so every environment
 * gets the seed's full network (public, private and database subnets in
 * us-east-1a and b). "Single-AZ" in dev is about what runs: one NAT gateway,
 * the Auto Scaling group and the Lambda functions only in the first AZ's
 * private subnet, and a single-AZ database instance. Staging and prod run
 * everything in both AZs (NAT per AZ, Multi-AZ RDS).
 */
export class CanalcoStack extends AwsStack {
  constructor(scope: Construct, id: string, env: string, config: CanalcoConfig) {
    super(scope, id, { architecture: 'canalco', environment: env, stage: config.stage, region: config.region, backend: config.state, allowedAccountIds: config.allowedAccountIds });
    const n = this.naming;
    const domain = config.dns.domain;
    // The zone of the domain (created here, looked up, or none): certificates, aliases and SES records go there.
    const zone = HostedZone.fromConfig(this, 'Zone', config.dns.zone, { preventDestroy: this.isProduction });
    const certificateValidation = zone ? 'dns' : 'manual';
    const appDomain = `app.${domain}`;
    const apiDomain = `api.${domain}`;
    const key = new EncryptionKey(this, 'Key', { alias: `canalco-${env}` });
    if (config.monitoring.logRetentionDays < 365 || config.lambda.logRetentionDays < 365) Policy.suppress(this, 'AWS-CW-002', `${env} keeps logs ${config.monitoring.logRetentionDays} days, the cheap end (staging and prod keep 365)`);
    const alerts = new AlarmTopic(this, 'Alerts', { name: n.arch('alertas'), emails: config.monitoring.alertEmails, kmsKeyArn: key.keyArn });

    // --- networking: VPC 10.0.0.0/16, public / private / database subnets in two AZs
    const net = config.network;
    const vpc = new Vpc(this, 'Vpc', {
      name: n.arch(),
      cidr: net.vpcCidr,
      publicSubnets: net.publicSubnets.map((cidr, i) => ({ cidr, az: net.azs[i] })),
      privateSubnets: net.privateSubnets.map((cidr, i) => ({ cidr, az: net.azs[i] })),
      isolatedSubnets: net.databaseSubnets.map((cidr, i) => ({ cidr, az: net.azs[i] })),
      natGateways: net.natGateways === 'single' ? NatGateways.SINGLE : NatGateways.PER_AZ,
      flowLogRetentionDays: net.flowLogRetentionDays,
      flowLogKmsKeyArn: key.keyArn,
    });
    // The seed's workloads run in the first `workloadAzs` AZs (one in dev, both elsewhere).
    const workloadPlacement = { tier: 'private' as const, availabilityZones: net.azs.slice(0, net.workloadAzs) };

    // Security groups exactly as the seed's table.
    const port = config.compute.port;
    const albSg = new SecurityGroup(this, 'AlbSg', { vpc, name: n.arch('alb-sg'), description: 'ALB: HTTPS from the internet, 8000 to the backend' });
    const backendSg = new SecurityGroup(this, 'BackendSg', { vpc, name: n.arch('backend-sg'), description: 'Backend: 8000 from the ALB; PostgreSQL and HTTPS out' });
    const rdsSg = new SecurityGroup(this, 'RdsSg', { vpc, name: n.arch('rds-sg'), description: 'RDS: 5432 from the backend only, no egress' });
    // ALB → backend:8000 opens when the Auto Scaling group registers in the target group, backend → RDS:5432 after the database.
    albSg.allowFrom(Peer.anyIpv4(), Port.tcp(443));
    backendSg.allowTo(Peer.anyIpv4(), Port.tcp(443));
    // Not in the seed's table: the Lambda functions run in the private subnets and only call AWS APIs over HTTPS.
    const lambdaSg = new SecurityGroup(this, 'LambdaSg', { vpc, name: n.arch('lambda-sg'), description: 'Lambda functions: HTTPS out only' });
    lambdaSg.allowTo(Peer.anyIpv4(), Port.tcp(443));

    // --- storage: the seed's four buckets (versioned, SSE-S3, Glacier after a year, access logs, CORS for the frontend)
    const st = config.storage;
    // The exceptions every Canalco bucket shares (the seed's storage choices).
    const bucketExceptions = (b: Construct) => {
      Policy.suppress(b, 'AWS-S3-008', 'the seed specifies SSE-S3 for its buckets; ALB and CloudFront log delivery only write to SSE-S3 buckets');
      Policy.suppressCheckov(b, 'CKV_AWS_144', 'the seed makes cross-Region replication optional and deploys to one Region (documents are versioned, Glacier after a year)');
      Policy.suppressCheckov(b, 'CKV2_AWS_62', 'nothing consumes S3 object events (uploads reach the backend through the API)');
    };
    const logs = new SecureBucket(this, 'Logs', {
      bucketName: n.arch('logs'),
      lifecycleRules: [{ id: 'expire-logs', expireAfterDays: st.accessLogDays, noncurrentExpireAfterDays: 7 }],
      forceDestroy: st.forceDestroy,
    });
    bucketExceptions(logs);
    Policy.suppress(logs, 'AWS-PROT-001', 'access logs only, expired by lifecycle; force_destroy stays off in prod');
    const buckets = Object.fromEntries(
      DOCUMENT_BUCKETS.map((b) => [
        b.name,
        new SecureBucket(this, b.id, {
          bucketName: n.arch(b.name),
          accessLogsBucket: logs,
          lifecycleRules: [{ id: 'archive-to-glacier', glacierAfterDays: st.glacierAfterDays, noncurrentExpireAfterDays: st.noncurrentVersionDays }],
          cors: b.cors.length > 0 ? [{ allowedOrigins: [`https://${appDomain}`], allowedMethods: [...b.cors], maxAgeSeconds: 3000 }] : undefined,
          preventDestroy: st.preventDestroy,
          forceDestroy: st.forceDestroy,
        }),
      ]),
    ) as Record<(typeof DOCUMENT_BUCKETS)[number]['name'], SecureBucket>;
    Object.values(buckets).forEach(bucketExceptions);

    // --- data: RDS PostgreSQL 15 in the database subnets, password managed by RDS in Secrets Manager
    const dbc = config.database;
    const db = new PostgresDatabase(this, 'Database', {
      identifier: n.arch('db'),
      vpc,
      securityGroup: rdsSg,
      engineVersion: dbc.engineVersion,
      instanceClass: dbc.instanceClass,
      databaseName: dbc.databaseName,
      masterUsername: dbc.masterUsername,
      allocatedStorageGiB: dbc.allocatedStorageGiB,
      maxAllocatedStorageGiB: dbc.maxAllocatedStorageGiB,
      multiAz: dbc.multiAz,
      // Single-AZ dev: the database sits in the AZ of the instances and functions.
      availabilityZone: net.workloadAzs === 1 ? net.azs[0] : undefined,
      backupRetentionDays: dbc.backupRetentionDays,
      deletionProtection: dbc.deletionProtection,
      finalSnapshot: dbc.finalSnapshot,
      readReplicas: dbc.readReplicas,
      kmsKeyArn: key.keyArn,
      performanceInsightsRetentionDays: dbc.performanceInsightsRetentionDays,
      logRetentionDays: config.monitoring.logRetentionDays,
      parameters: { max_connections: { value: String(dbc.maxConnections), applyMethod: 'pending-reboot' } },
      backupWindow: '03:00-04:00',
      maintenanceWindow: 'sun:04:30-sun:05:30',
      preventDestroy: this.isProduction,
    });
    if (!dbc.multiAz) Policy.suppress(db, 'AWS-RDS-005', 'the seed runs dev single-AZ (staging and prod are Multi-AZ)');
    if (!dbc.deletionProtection) Policy.suppress(db, 'AWS-RDS-003', 'dev stays destroyable; staging and prod have deletion protection');
    db.connections.allowDefaultPortFrom(backendSg);
    const appSecret = new GeneratedSecret(this, 'AppSecretKey', {
      name: `canalco/${env}/app-secret-key`,
      description: 'Secret key of the Canalco backend (sessions, signed tokens)',
      kmsKeyArn: key.keyArn,
      length: 64,
      recoveryWindowDays: config.security.secretRecoveryDays,
    });
    Policy.suppressCheckov(appSecret, 'CKV2_AWS_57', "the backend's generated secret key has no rotation Lambda (RDS rotates its managed master secret)");

    // --- messaging: the audit and report queues (each with its dead-letter queue) and the notifications topic
    const auditQueue = new Queue(this, 'AuditQueue', { name: n.arch('auditoria'), kmsKeyArn: key.keyArn, visibilityTimeoutSeconds: config.lambda.audit.timeoutSeconds * 6 });
    const reportsQueue = new Queue(this, 'ReportsQueue', { name: n.arch('reportes'), kmsKeyArn: key.keyArn, visibilityTimeoutSeconds: config.lambda.reports.timeoutSeconds * 6 });
    const notificationsTopic = new Topic(this, 'NotificationsTopic', { name: n.arch('notificaciones'), kmsKeyArn: key.keyArn });

    // --- compute: ECR image on EC2 (launch template + Auto Scaling group) behind the ALB
    const cc = config.compute;
    const repository = new EcrRepository(this, 'BackendRepository', {
      name: n.arch('backend'),
      kmsKeyArn: key.keyArn,
      immutableTags: true,
      mutableTagExceptions: cc.mutableImageTags.length > 0 ? cc.mutableImageTags : undefined,
      preventDestroy: this.isProduction,
    });
    if (cc.mutableImageTags.length > 0) Policy.suppress(repository, 'AWS-ECR-002', `the ${env} pipeline re-pushes ${cc.mutableImageTags.join(', ')}; every other tag is immutable, staging and prod are IMMUTABLE`);
    const appLogs = new LogGroup(this, 'BackendLogs', { name: `/canalco/${env}/backend`, retentionDays: config.monitoring.logRetentionDays, kmsKeyArn: key.keyArn });
    const role = new InstanceRole(this, 'BackendRole', { name: n.arch('backend') });
    grantEcrPull(repository.arn, role);
    grantLogsWrite(appLogs.arn, role);
    grantSecretRead(db.masterSecretArn, role, key.keyArn);
    grantSecretRead(appSecret.secretArn, role, key.keyArn);
    grantBucketReadWrite(buckets.cotizaciones, role);
    grantBucketReadWrite(buckets.facturas, role);
    grantBucketReadWrite(buckets.adjuntos, role);
    grantPutMetricData(BUSINESS_NAMESPACE, role);
    auditQueue.grantSendMessages(role);
    reportsQueue.grantSendMessages(role);
    notificationsTopic.grantPublish(role);

    new BackupPlan(this, 'EbsSnapshots', {
      name: n.arch('ebs-weekly'),
      selectionTag: { key: 'backup-plan', value: n.arch('ebs-weekly') },
      retentionDays: cc.snapshotRetentionDays,
      kmsKeyArn: key.keyArn,
    });
    const launchTemplate = new LaunchTemplate(this, 'BackendLaunchTemplate', {
      name: n.arch('backend'),
      instanceType: cc.instanceType,
      machineImage: cc.amiId ? MachineImage.fromAmiId(cc.amiId) : MachineImage.latestAmazonLinux2023('x86_64'),
      role,
      securityGroups: [backendSg],
      rootVolume: { sizeGiB: cc.rootVolumeGiB },
      encryptionKey: key,
      instanceTags: { 'backup-plan': n.arch('ebs-weekly') },
      userData: containerUserData({
        repositoryUrl: repository.repositoryUrl,
        imageTag: cc.imageTag,
        region: this.region,
        logGroupName: appLogs.name,
        environment: {
          APP_ENV: env,
          PORT: String(port),
          DB_HOST: db.address,
          DB_PORT: String(db.port),
          DB_NAME: dbc.databaseName,
          DB_SECRET_ARN: db.masterSecretArn,
          APP_SECRET_KEY_ARN: appSecret.secretArn,
          BUCKET_COTIZACIONES: buckets.cotizaciones.bucketName,
          BUCKET_FACTURAS: buckets.facturas.bucketName,
          BUCKET_ADJUNTOS: buckets.adjuntos.bucketName,
          AUDIT_QUEUE_URL: auditQueue.queueUrl,
          REPORTS_QUEUE_URL: reportsQueue.queueUrl,
          NOTIFICATIONS_TOPIC_ARN: notificationsTopic.topicArn,
          METRICS_NAMESPACE: BUSINESS_NAMESPACE,
          ALLOWED_ORIGINS: `https://${appDomain}`,
        },
      }),
    });

    const apiCertificate = new Certificate(this, 'ApiCertificate', { domainName: apiDomain, hostedZone: zone, validation: certificateValidation });
    const alb = new ApplicationLoadBalancer(this, 'Alb', {
      name: n.arch('alb'),
      vpc,
      securityGroup: albSg,
      certificateArn: apiCertificate.certificateArn,
      deletionProtection: config.security.loadBalancerDeletionProtection,
      accessLogsBucket: logs,
      accessLogsPrefix: 'alb',
    });
    if (!config.security.loadBalancerDeletionProtection) Policy.suppress(alb, 'AWS-ALB-005', 'dev stays destroyable; staging and prod have deletion protection');
    // Port 80 stays closed, as in the seed's table: users arrive through CloudFront, which redirects HTTP to HTTPS;
    // the ALB's HTTP listener only answers with that redirect should port 80 ever be opened.
    const targets = alb.addTargetGroup('Backend', {
      name: n.arch('backend'),
      port,
      targetType: 'instance',
      healthCheck: { path: cc.healthCheckPath, intervalSeconds: cc.healthCheckIntervalSeconds },
    });
    alb.setDefaultTargetGroup(targets);
    const asg = new AutoScalingGroup(this, 'BackendAsg', {
      name: n.arch('backend'),
      launchTemplate,
      vpc,
      vpcSubnets: workloadPlacement,
      minSize: cc.minSize,
      maxSize: cc.maxSize,
      desiredCapacity: cc.desiredCapacity,
      targetGroups: [targets],
      healthCheckType: 'ELB',
    });
    const cpuAlarms = asg.scaleOnCpu({ scaleOutAbovePercent: cc.scaleOutCpuPercent, scaleInBelowPercent: cc.scaleInCpuPercent, topics: [alerts] });

    // --- serverless: notifications, audit, cleanup and reports (Python, own role and log group, DLQ each)
    const email = new EmailDomain(this, 'Email', {
      domain,
      configurationSetName: n.arch(),
      hostedZone: zone,
      dmarcPolicy: config.email.dmarcPolicy,
      templates: CANALCO_EMAIL_TEMPLATES.map((t) => ({ name: n.arch(t.key), subject: t.subject, html: t.html, text: t.text })),
    });
    const lc = config.lambda;
    // Seed's backup strategy: "Lambda: code versionado en S3". Every package is an object version in this bucket
    // (KMS, access logs, history kept as long as the documents'); each function runs a pinned object version,
    // publishes a version per change and the triggers invoke its `live` alias: a rollback moves the alias.
    const lambdaCode = new SecureBucket(this, 'LambdaCode', {
      bucketName: n.arch('lambda-code'),
      kmsKeyArn: key.keyArn,
      accessLogsBucket: logs,
      lifecycleRules: [{ id: 'expire-old-packages', noncurrentExpireAfterDays: st.noncurrentVersionDays }],
      preventDestroy: st.preventDestroy,
      forceDestroy: st.forceDestroy,
    });
    Policy.suppressCheckov(lambdaCode, 'CKV_AWS_144', 'Lambda packages are rebuilt from the repository; the seed deploys to one Region');
    Policy.suppressCheckov(lambdaCode, 'CKV2_AWS_62', 'nothing consumes events of the Lambda code bucket (Terraform uploads and pins the versions)');
    const fn = (
      id: string,
      name: 'notifications' | 'audit' | 'cleanup' | 'reports',
      description: string,
      environment: Record<string, string>,
      securityGroups: SecurityGroup[] = [lambdaSg],
    ) => {
      const f = new PythonFunction(this, id, {
        functionName: n.arch(name),
        description,
        codePath: `${__dirname}/../lambda/${name}`,
        codeBucket: lambdaCode,
        alias: LAMBDA_ALIAS,
        runtime: lc.runtime,
        architecture: lc.architecture,
        memoryMiB: lc[name].memoryMiB,
        timeoutSeconds: lc[name].timeoutSeconds,
        reservedConcurrency: lc[name].reservedConcurrency,
        kmsKeyArn: key.keyArn,
        logRetentionDays: lc.logRetentionDays,
        vpc,
        vpcSubnets: workloadPlacement,
        securityGroups,
        environment,
      });
      Policy.suppressCheckov(f, 'CKV_AWS_272', "Lambda code is zipped from the repo at synth; the seed's pipeline has no AWS Signer step");
      return f;
    };
    const sender = `${config.email.sender}@${domain}`;
    const notifications = fn('Notifications', 'notifications', 'Notificaciones por correo (SES)', {
      SENDER: sender,
      CONFIGURATION_SET: email.configurationSetName,
      DEFAULT_RECIPIENTS: config.monitoring.alertEmails.join(','),
    });
    email.grantSendEmail(notifications);
    new TopicTrigger(this, 'NotificationsFromTopic', { function: notifications, topic: notificationsTopic });
    new ScheduleTrigger(this, 'NotificationsDigest', {
      function: notifications,
      name: n.arch('notificaciones-resumen'),
      schedule: lc.notificationsSchedule,
      description: 'Reporte programado: resumen diario por correo',
      input: { template: n.arch('reporte'), data: { report: 'resumen-diario', key: 'dashboard' } },
    });

    const audit = fn('Audit', 'audit', 'Auditoría asíncrona: SQS → S3 y CloudWatch Logs', { AUDIT_BUCKET: buckets.backups.bucketName, AUDIT_PREFIX: 'auditoria/' });
    grantBucketWrite(buckets.backups, audit, 'auditoria/*');
    new QueueTrigger(this, 'AuditFromQueue', { function: audit, queue: auditQueue, maxConcurrency: lc.audit.maxConcurrency });

    // The seed's cleanup deletes temporary records and archives old data, which live in PostgreSQL, besides the
    // temporary uploads in S3. Decision: the function reaches the database. It runs in the private subnets with its
    // own security group (HTTPS out for S3 and Secrets Manager, 5432 to the RDS group only), so the other functions
    // still cannot reach the database, and reads the RDS-managed master secret (the database's only Terraform-made
    // login; a dedicated cleanup role is created by the application's migrations, which can run SQL inside the VPC).
    const cleanupSg = new SecurityGroup(this, 'CleanupSg', { vpc, name: n.arch('cleanup-sg'), description: 'Cleanup function: HTTPS out, PostgreSQL to the database' });
    cleanupSg.allowTo(Peer.anyIpv4(), Port.tcp(443));
    const cleanup = fn(
      'Cleanup',
      'cleanup',
      'Limpieza de datos temporales',
      {
        BUCKET: buckets.adjuntos.bucketName,
        TEMP_PREFIX: 'tmp/',
        MAX_AGE_DAYS: String(lc.tempObjectMaxAgeDays),
        DB_HOST: db.address,
        DB_PORT: String(db.port),
        DB_NAME: dbc.databaseName,
        DB_SECRET_ARN: db.masterSecretArn,
      },
      [cleanupSg],
    );
    grantBucketRead(buckets.adjuntos, cleanup, 'tmp/*');
    grantBucketDelete(buckets.adjuntos, cleanup, 'tmp/*');
    db.connections.allowDefaultPortFrom(cleanup);
    grantSecretRead(db.masterSecretArn, cleanup, key.keyArn);
    new ScheduleTrigger(this, 'CleanupCron', { function: cleanup, name: n.arch('limpieza'), schedule: lc.cleanupSchedule, description: 'Limpieza diaria de temporales' });

    const reports = fn('Reports', 'reports', 'Generación de reportes batch (CSV)', {
      REPORTS_BUCKET: buckets.adjuntos.bucketName,
      REPORTS_PREFIX: 'reportes/',
      NOTIFY_TOPIC_ARN: notificationsTopic.topicArn,
      READY_TEMPLATE: n.arch('reporte'),
    });
    grantBucketWrite(buckets.adjuntos, reports, 'reportes/*');
    notificationsTopic.grantPublish(reports);
    new QueueTrigger(this, 'ReportsFromQueue', { function: reports, queue: reportsQueue, batchSize: 5, maxConcurrency: lc.reports.maxConcurrency });
    const functions = [notifications, audit, cleanup, reports];

    // --- edge: CloudFront in front of the React build (S3) and the API (ALB), WAF on both
    const waf = config.security.waf;
    // The ALB sits behind CloudFront: its source addresses are CloudFront edges, each carrying many users, so its
    // rate limit counts the client address CloudFront forwards (X-Forwarded-For). The CloudFront web ACL sees the
    // client itself and keeps counting per source IP (a client-set X-Forwarded-For cannot dodge that one).
    const albWaf = waf.enabled
      ? new WebAcl(this, 'AlbWaf', { name: n.arch('alb-waf'), rateLimit: waf.rateLimit, rateLimitKey: 'FORWARDED_IP', forwardedIpHeader: 'X-Forwarded-For', kmsKeyArn: key.keyArn })
      : undefined;
    albWaf?.associate('Alb', alb.arn);
    const cdnWaf = waf.enabled ? new WebAcl(this, 'CdnWaf', { name: n.arch('cdn-waf'), scope: 'CLOUDFRONT', rateLimit: waf.rateLimit, kmsKeyArn: key.keyArn }) : undefined;
    const frontend = new SpaDistribution(this, 'Frontend', {
      name: n.arch('frontend'),
      bucketName: n.arch('frontend'),
      logsBucket: logs,
      domainNames: [appDomain],
      hostedZone: zone,
      certificateValidation,
      apiOrigin: { domainName: apiDomain, pathPatterns: ['/api/*'] },
      priceClass: config.frontend.priceClass,
      webAclArn: cdnWaf?.arn,
    });
    bucketExceptions(frontend);
    Policy.suppress(frontend, 'AWS-PROT-001', 'the site bucket holds the React build, which the pipeline re-publishes from the repository');
    Policy.suppressCheckov(frontend, 'CKV_AWS_86', 'CloudFront access logs use standard logging v2 (aws_cloudwatch_log_delivery to the log bucket); legacy logging_config needs ACLs the buckets disable');
    Policy.suppressCheckov(frontend, 'CKV_AWS_310', 'one S3 origin in one Region; an origin group needs a replica bucket (cross-Region replication is optional in the seed)');
    Policy.suppressCheckov(frontend, 'CKV_AWS_374', 'the seed names no audience countries; SpaDistribution.allowedCountries turns geo restriction on');
    if (zone) alb.addDnsAlias('ApiAlias', zone, apiDomain);

    // --- observability: the seed's alarms and dashboards
    const mon = config.monitoring;
    const errorAlarms = serverErrorsAlarms(this, 'Http5xx', { name: n.arch('http-5xx'), loadBalancer: alb, threshold: mon.http5xxThreshold, topics: [alerts] });
    const diskAlarm = diskUsageAlarm(this, 'LowDisk', { name: n.arch('disco-bajo'), autoScalingGroupName: asg.groupName, usedPercent: mon.diskUsedPercent, topics: [alerts] });
    const dbStorageAlarm = databaseFreeStorageAlarm(this, 'DbLowStorage', { name: n.arch('db-disco-bajo'), identifier: db.identifier, minFreeGiB: dbc.minFreeStorageGiB, topics: [alerts] });
    const dbConnAlarm = databaseConnectionsAlarm(this, 'DbConnections', { name: n.arch('db-conexiones'), identifier: db.identifier, maxConnections: dbc.maxConnections, percent: 80, topics: [alerts] });
    const lambdaAlarms = functions.map((f) => f.alarmOnErrors('ErrorsAlarm', { name: n.arch(f.node.id.toLowerCase(), 'errores'), topics: [alerts] }));
    const dlqAlarms: MetricAlarm[] = [auditQueue, reportsQueue, ...functions].map((owner) =>
      owner.deadLetterQueue.alarmOnMessages('MessagesAlarm', n.arch(owner.node.id.toLowerCase(), 'dlq'), [alerts]),
    );
    const bounceAlarm = email.alarmOnBounceRate('BounceRate', { name: n.arch('ses-rebotes'), topics: [alerts] });
    const allAlarms = [cpuAlarms.scaleOut, ...errorAlarms, diskAlarm, dbStorageAlarm, dbConnAlarm, ...lambdaAlarms, ...dlqAlarms, bounceAlarm];

    const business = (metricName: string): MetricRef => ({ namespace: BUSINESS_NAMESPACE, metricName, dimensions: { Environment: env }, statistic: 'Sum' });
    new Dashboard(this, 'Dashboard', {
      name: n.arch(),
      sections: [
        {
          title: 'Vista general del sistema',
          description: `Tráfico del ALB, errores 4xx/5xx, latencia y capacidad del backend (${env})`,
          widgets: [
            { title: 'Solicitudes', metrics: [alb.metric('RequestCount')], statistic: 'Sum', width: 8 },
            { title: 'Latencia (p95)', metrics: [alb.metric('TargetResponseTime')], statistic: 'p95', width: 8 },
            {
              title: 'Errores 4xx / 5xx',
              metrics: [alb.metric('HTTPCode_Target_4XX_Count'), alb.metric('HTTPCode_Target_5XX_Count'), alb.metric('HTTPCode_ELB_5XX_Count')],
              statistic: 'Sum',
              width: 8,
              thresholds: [{ value: mon.http5xxThreshold, label: 'umbral 5xx' }],
            },
            { title: 'CPU del backend', metrics: [asg.metric('CPUUtilization')], thresholds: [{ value: cc.scaleOutCpuPercent, label: 'scale out' }], width: 8 },
            { title: 'Memoria y disco', metrics: [agentMetric(asg.groupName, 'mem_used_percent'), agentMetric(asg.groupName, 'disk_used_percent', 'Maximum')], width: 8 },
            { title: 'Instancias en servicio', metrics: [asg.metricInServiceInstances()], width: 8 },
          ],
        },
        {
          title: 'Base de datos',
          description: `RDS PostgreSQL ${dbc.engineVersion} (${dbc.instanceClass}${dbc.multiAz ? ', Multi-AZ' : ''})`,
          widgets: [
            { title: 'Conexiones', metrics: [db.metric('DatabaseConnections', { statistic: 'Maximum' })], thresholds: [{ value: Math.floor(dbc.maxConnections * 0.8), label: '80% de max_connections' }], width: 8 },
            { title: 'CPU y memoria libre', metrics: [db.metric('CPUUtilization'), db.metric('FreeableMemory')], width: 8 },
            { title: 'Almacenamiento libre', metrics: [db.metric('FreeStorageSpace', { statistic: 'Minimum' })], width: 8 },
            { title: 'Latencia de lectura / escritura', metrics: [db.metric('ReadLatency'), db.metric('WriteLatency')], width: 12 },
            { title: 'IOPS', metrics: [db.metric('ReadIOPS'), db.metric('WriteIOPS')], width: 12 },
          ],
        },
        {
          title: 'Estado de servicios',
          description: 'Alarmas, funciones Lambda, colas y correo',
          widgets: [
            { type: 'alarms', title: 'Alarmas', alarmArns: allAlarms.map((a) => a.alarmArn), width: 24, height: 4 },
            { title: 'Lambda: errores', metrics: functions.map((f) => ({ ...f.metric('Errors'), label: f.node.id })), statistic: 'Sum', width: 8 },
            { title: 'Lambda: invocaciones', metrics: functions.map((f) => ({ ...f.metric('Invocations'), label: f.node.id })), statistic: 'Sum', width: 8 },
            {
              title: 'Colas y mensajes fallidos',
              metrics: [auditQueue, reportsQueue, auditQueue.deadLetterQueue, reportsQueue.deadLetterQueue].map((q) => ({ ...sqsMetric(q.queueName, 'ApproximateNumberOfMessagesVisible'), label: q.node.id })),
              statistic: 'Maximum',
              width: 8,
            },
            { title: 'Correos (SES)', metrics: ['Send', 'Delivery', 'Bounce', 'Complaint'].map((m) => email.metric(m)), statistic: 'Sum', width: 24 },
          ],
        },
        {
          title: 'Métricas de negocio',
          description: `Métricas que publica el backend en ${BUSINESS_NAMESPACE} (dimensión Environment=${env})`,
          widgets: BUSINESS_METRICS.map((m) => ({ title: m, metrics: [business(m)], statistic: 'Sum', periodSeconds: 3600, view: 'singleValue' as const, width: 8, height: 4 })),
        },
        {
          title: 'Costos y uso',
          description: 'Cargos estimados de la cuenta (requiere alertas de facturación activas) y uso de CloudFront',
          widgets: [
            {
              title: 'Cargos estimados (USD)',
              metrics: [{ namespace: 'AWS/Billing', metricName: 'EstimatedCharges', dimensions: { Currency: 'USD' } }],
              region: 'us-east-1',
              statistic: 'Maximum',
              periodSeconds: 21600,
              width: 12,
            },
            {
              title: 'CloudFront: solicitudes y bytes',
              metrics: [
                { namespace: 'AWS/CloudFront', metricName: 'Requests', dimensions: { DistributionId: frontend.distributionId, Region: 'Global' } },
                { namespace: 'AWS/CloudFront', metricName: 'BytesDownloaded', dimensions: { DistributionId: frontend.distributionId, Region: 'Global' } },
              ],
              region: 'us-east-1',
              statistic: 'Sum',
              width: 12,
            },
          ],
        },
      ],
    });

    // --- outputs: where the user goes next (no secrets)
    this.output('cloudfront_domain_name', frontend.domainName, `CloudFront domain of the app (alias ${appDomain})`);
    this.output('app_url', `https://${appDomain}`, 'URL of the React app');
    this.output('frontend_bucket_name', frontend.bucket.bucketName, 'S3 bucket the pipeline publishes the React build to');
    this.output('load_balancer_dns_name', alb.dnsName, `DNS name of the API's ALB (alias ${apiDomain})`);
    this.output('api_url', `https://${apiDomain}`, 'URL of the API');
    this.output('ecr_repository_url', repository.repositoryUrl, 'ECR repository of the backend image');
    this.output('database_endpoint', db.endpoint, 'RDS PostgreSQL endpoint (host:port; credentials in Secrets Manager)');
    this.output('document_bucket_names', Object.fromEntries(Object.entries(buckets).map(([name, b]) => [name, b.bucketName])), 'S3 document buckets');
    this.output('ses_dkim_tokens', email.dkimTokens, `SES DKIM tokens: CNAME <token>._domainkey.${domain} to <token>.dkim.amazonses.com`);
    if (zone instanceof HostedZone) this.output('name_servers', zone.nameServers, `Name servers of the new zone ${zone.zoneName}: delegate to them (NS records at the parent zone or registrar)`);
    if (!zone) {
      // No managed zone (dns.zone unmanaged): the DNS records ACM and SES wait for must be created by hand.
      this.output('certificate_validation_records', { api: apiCertificate.certificate.domainValidationOptions, app: frontend.certificate?.certificate.domainValidationOptions }, 'DNS records that validate the ACM certificates');
      this.output('ses_dns_records', email.dnsRecords, `DNS records SES needs for ${domain} (DKIM, MAIL FROM MX and SPF, DMARC)`);
    }
  }
}

/** Adds `canalco-dev`, `canalco-staging` and `canalco-prod`. */
export function addCanalcoStacks(app: App): CanalcoStack[] {
  return CANALCO_ENVIRONMENT_NAMES.map((env) => new CanalcoStack(app, `canalco-${env}`, env, canalcoConfig(env)));
}
