import { App } from 'cdktf';
import { Construct } from 'constructs';
import { StockwizConfig, stockwizConfig } from '../config/stockwiz';
import { ContainerImage, ContainerProps, EcrRepository, EcsCluster, FargateService } from '../lib/aws/containers';
import { PostgresDatabase, RedisCache } from '../lib/aws/database';
import { GeneratedSecret, SecretRef } from '../lib/aws/security/generated-secret';
import { ApplicationLoadBalancer } from '../lib/aws/loadbalancing';
import { AlarmTopic, Metric } from '../lib/aws/monitoring';
import { NatGateways, Peer, Port, SecurityGroup, Vpc } from '../lib/aws/network';
import { Certificate, EncryptionKey, WebAcl } from '../lib/aws/security';
import { HostedZone } from '../lib/aws/dns';
import { AwsStack } from '../lib/aws/aws-stack';
import { Policy } from '../lib/policy';

export const STOCKWIZ_ENVIRONMENTS = ['dev', 'prod'] as const;

/** The three application services of seed 003, in front of the ALB. */
const SERVICES = [
  { name: 'api-gateway', port: 8000, targetGroup: 'api-gw-tg' },
  { name: 'product-service', port: 8001, targetGroup: 'product-svc-tg' },
  { name: 'inventory-service', port: 8002, targetGroup: 'inventory-svc-tg' },
] as const;

/**
 * StockWiz (seed 003): three Go/Python microservices in one Fargate task
 * behind an ALB. Dev runs PostgreSQL and Redis as containers of the same
 * task, exactly as the seed draws it; prod follows the seed's production
 * notes: RDS for PostgreSQL and ElastiCache instead of those containers,
 * ECS autoscaling, WAF on the ALB, Multi-AZ, NAT per AZ.
 */
export class StockwizStack extends AwsStack {
  constructor(scope: Construct, id: string, env: string, config: StockwizConfig) {
    super(scope, id, { architecture: 'stockwiz', environment: env, stage: config.stage, region: config.region, backend: config.backend, allowedAccountIds: config.allowedAccountIds });
    const n = this.naming;
    const key = new EncryptionKey(this, 'Key', { alias: `stockwiz-${env}` });
    if (config.logRetentionDays < 365) Policy.suppress(this, 'AWS-CW-002', `the seed keeps ${env} logs ${config.logRetentionDays} days (prod keeps 365)`);

    // --- networking: VPC 10.0.0.0/16 in us-east-1a/b, one NAT in dev, one per AZ in prod
    const vpc = new Vpc(this, 'Vpc', {
      name: env,
      cidr: config.network.vpcCidr,
      publicSubnets: config.network.publicSubnets,
      privateSubnets: config.network.privateSubnets,
      isolatedSubnets: config.network.isolatedSubnets,
      natGateways: config.network.natGateways === 'single' ? NatGateways.SINGLE : NatGateways.PER_AZ,
      flowLogRetentionDays: config.network.flowLogRetentionDays,
      flowLogKmsKeyArn: key.keyArn,
    });

    // Security groups, as the seed's table. Seed says "outbound: all traffic"; egress is narrowed to what each tier needs.
    // 443 opens only where an HTTPS listener exists (prod, with its domain): dev serves the seed's HTTP:80 and keeps 443 shut.
    const domain = config.loadBalancer.domain;
    const albSg = new SecurityGroup(this, 'AlbSg', { vpc, name: n.env('alb-sg'), description: 'ALB: HTTP and HTTPS from the internet' }); // unchanged text: a new description replaces the group
    albSg.allowFrom(Peer.anyIpv4(), Port.tcp(80));
    if (domain) albSg.allowFrom(Peer.anyIpv4(), Port.tcp(443));
    Policy.suppressCheckov(
      albSg,
      'CKV_AWS_260',
      domain ? 'port 80 is open to the internet only for the 301 redirect to HTTPS' : "the seed's dev ALB serves HTTP on 80 (prod serves HTTPS on its domain)",
    );
    // 8000-8002 from the ALB: each target group registration below opens its port.
    const ecsSg = new SecurityGroup(this, 'EcsSg', { vpc, name: n.env('ecs-tasks-sg'), description: 'ECS tasks: 8000-8002 from the ALB' });
    // Image pulls (ECR, Docker Hub), Secrets Manager and CloudWatch Logs go out over HTTPS through the NAT.
    ecsSg.allowTo(Peer.anyIpv4(), Port.tcp(443));

    // --- data: PostgreSQL and Redis (containers in dev, managed services in prod)
    let database: PostgresDatabase | undefined;
    let cache: RedisCache | undefined;
    let dbPassword: SecretRef;
    let dbUser: SecretRef | undefined;
    let cachePassword: SecretRef;
    if (config.database.mode === 'rds') {
      const db = config.database;
      database = new PostgresDatabase(this, 'Database', {
        identifier: n.env('stockwiz-db'),
        vpc,
        engineVersion: db.engineVersion,
        instanceClass: db.instanceClass,
        allocatedStorageGiB: db.allocatedStorageGiB,
        maxAllocatedStorageGiB: db.maxAllocatedStorageGiB,
        databaseName: db.name,
        masterUsername: db.user,
        multiAz: db.multiAz,
        backupRetentionDays: db.backupRetentionDays,
        deletionProtection: db.deletionProtection,
        readReplicas: db.readReplicas,
        kmsKeyArn: key.keyArn,
        preventDestroy: this.isProduction,
      });
      dbPassword = database.masterSecret('password');
      dbUser = database.masterSecret('username');
    } else {
      // 5432 "internal" (seed): only other members of the tasks' group; in dev the services reach it on localhost.
      ecsSg.connections.allowInternally(Port.tcp(5432), 'PostgreSQL, internal');
      dbPassword = new GeneratedSecret(this, 'PostgresPassword', {
        name: `${env}/stockwiz/postgres-password`,
        kmsKeyArn: key.keyArn,
        recoveryWindowDays: config.secretRecoveryDays,
      }).ref();
      Policy.suppressCheckov(this.node.findChild('PostgresPassword'), 'CKV2_AWS_57', 'generated container DB password has no rotation Lambda (RDS rotates its managed secret)');
    }
    if (config.cache.mode === 'elasticache') {
      const c = config.cache;
      cache = new RedisCache(this, 'Cache', {
        replicationGroupId: n.env('stockwiz-redis'),
        vpc,
        engineVersion: c.engineVersion,
        nodeType: c.nodeType,
        nodes: c.nodes,
        snapshotRetentionDays: c.snapshotRetentionDays,
        kmsKeyArn: key.keyArn,
        authTokenSecretName: `${env}/stockwiz/redis-auth-token`,
      });
      Policy.suppressCheckov(cache, 'CKV2_AWS_57', 'the ElastiCache AUTH token has no rotation Lambda (RDS rotates its managed secret)');
      cachePassword = cache.authSecret();
    } else {
      ecsSg.connections.allowInternally(Port.tcp(6379), 'Redis, internal');
      // The seed's Redis has no password; the container gets one so nothing else in the group can use it.
      cachePassword = new GeneratedSecret(this, 'RedisPassword', {
        name: `${env}/stockwiz/redis-password`,
        kmsKeyArn: key.keyArn,
        recoveryWindowDays: config.secretRecoveryDays,
      }).ref();
      Policy.suppressCheckov(this.node.findChild('RedisPassword'), 'CKV2_AWS_57', 'generated container Redis password has no rotation Lambda');
    }

    // --- images: one ECR repository per image the task pulls (no postgres repository in prod: RDS replaces that container)
    const repo = (name: string) => {
      const r = new EcrRepository(this, `Ecr-${name}`, {
        name: n.env('stockwiz', name),
        kmsKeyArn: key.keyArn,
        immutableTags: config.ecr.immutableTags,
        mutableTagExceptions: config.ecr.mutableTagExceptions,
        keepLastImages: config.ecr.keepLastImages,
        preventDestroy: this.isProduction,
      });
      if (config.ecr.mutableTagExceptions?.length) Policy.suppress(r, 'AWS-ECR-002', "the seed's pipeline re-pushes `latest`; every other tag is immutable (IMMUTABLE_WITH_EXCLUSION), prod is IMMUTABLE");
      return r;
    };
    const repos = Object.fromEntries(SERVICES.map((s) => [s.name, repo(s.name)]));
    const postgresRepo = config.database.mode === 'container' ? repo('postgres') : undefined;
    const image = (r: EcrRepository) => ContainerImage.fromEcr(r, config.service.imageTag);

    // --- edge: the domain's zone and certificate (prod), ALB dev-alb, target groups and path rules
    const zone = domain ? HostedZone.fromConfig(this, 'Zone', domain.zone, { preventDestroy: this.isProduction }) : undefined;
    const certificate =
      domain && !domain.certificateArn ? new Certificate(this, 'Certificate', { domainName: domain.name, hostedZone: zone, validation: zone ? 'dns' : 'manual' }) : undefined;
    const alb = new ApplicationLoadBalancer(this, 'Alb', {
      name: n.env('alb'),
      vpc,
      securityGroup: albSg,
      // HTTPS (ELBSecurityPolicy-TLS13-1-2-2021-06) carries the path rules; HTTP:80 answers 301 → HTTPS.
      certificateArn: domain ? (domain.certificateArn ?? certificate?.certificateArn) : undefined,
      deletionProtection: config.loadBalancer.deletionProtection,
      accessLogsRetentionDays: config.loadBalancer.accessLogsRetentionDays,
    });
    if (!domain) {
      Policy.suppress(alb, 'AWS-ALB-001', "seed 003's dev serves HTTP on 80 on the ALB's DNS name; setting loadBalancer.domain adds HTTPS (TLS 1.2+) and the redirect, as prod does");
    }
    Policy.suppressCheckov(alb, 'CKV_AWS_378', 'containers speak plain HTTP on 8000-8002 inside private subnets; TLS ends at the ALB');
    Policy.suppress(alb, 'AWS-S3-008', 'ALB access-log delivery supports SSE-S3 only');
    Policy.suppress(alb, 'AWS-S3-009', 'the only bucket is the ALB access-log sink; logging it would need yet another log bucket');
    Policy.suppressCheckov(alb, 'CKV_AWS_144', 'ALB access logs are not replicated across Regions');
    Policy.suppressCheckov(alb, 'CKV2_AWS_62', 'nothing consumes object events of the ALB log bucket');
    Policy.suppress(alb, 'AWS-PROT-001', 'the ALB access-log bucket holds logs only (expired by lifecycle); the ApplicationLoadBalancer construct has no preventDestroy option');
    if (!config.loadBalancer.deletionProtection) Policy.suppress(alb, 'AWS-ALB-005', 'dev stays destroyable; prod has deletion protection');
    if (!config.waf.enabled) Policy.suppress(alb, 'AWS-WAF-001', "WAF is one of the seed's production recommendations; prod has it");
    // Seed: API Gateway health at /health; it is silent for the other two, which get the same convention.
    const tgs = Object.fromEntries(
      SERVICES.map((s) => [s.name, alb.addTargetGroup(`Tg-${s.name}`, { name: n.env(s.targetGroup), port: s.port, targetType: 'ip', healthCheck: { path: '/health', matcher: '200' } })]),
    );
    alb.setDefaultTargetGroup(tgs['api-gateway']);
    alb.addPathRule(['/products/*'], tgs['product-service'], 10);
    alb.addPathRule(['/inventory/*'], tgs['inventory-service'], 20);
    if (domain && zone) alb.addDnsAlias('Dns', zone, domain.name);
    if (config.waf.enabled) {
      new WebAcl(this, 'Waf', {
        name: n.env('stockwiz-waf'),
        rateLimit: config.waf.rateLimit,
        kmsKeyArn: key.keyArn,
        // The seed's pipeline runs its functional tests from CI runners in cloud data centers: count those, block Tor and VPNs.
        countRules: { AWSManagedRulesAnonymousIpList: ['HostingProviderIPList'] },
      }).associate('AlbAssociation', alb.arn);
    }

    // --- compute: cluster dev-cluster, service dev-stockwiz, one 2048 CPU / 4096 MB task
    const cluster = new EcsCluster(this, 'Cluster', { name: n.env('cluster') });
    const dbEnv: Record<string, string> = {
      DB_HOST: database ? database.address : 'localhost',
      DB_PORT: String(database?.port ?? 5432),
      DB_NAME: config.database.name,
      DB_SSLMODE: database ? 'require' : 'disable',
      ...(dbUser ? {} : { DB_USER: config.database.user }),
    };
    const cacheEnv: Record<string, string> = { REDIS_HOST: cache ? cache.primaryEndpoint : 'localhost', REDIS_PORT: String(cache?.port ?? 6379), REDIS_TLS: cache ? 'true' : 'false' };
    const dbSecrets: Record<string, SecretRef> = { DB_PASSWORD: dbPassword, ...(dbUser ? { DB_USER: dbUser } : {}) };
    const dataDeps: ContainerProps['dependsOn'] = [
      ...(database ? [] : [{ containerName: 'postgres', condition: 'HEALTHY' as const }]),
      ...(cache ? [] : [{ containerName: 'redis', condition: 'HEALTHY' as const }]),
    ];

    const containers: ContainerProps[] = [];
    if (postgresRepo) {
      containers.push({
        name: 'postgres',
        image: image(postgresRepo),
        port: 5432,
        environment: { POSTGRES_DB: config.database.name, POSTGRES_USER: config.database.user, PGDATA: '/var/lib/postgresql/data/pgdata' },
        secrets: { POSTGRES_PASSWORD: dbPassword },
        writablePaths: ['/var/lib/postgresql/data', '/var/run/postgresql', '/tmp'],
        healthCheck: { command: ['CMD-SHELL', `pg_isready -U ${config.database.user} -d ${config.database.name}`], intervalSeconds: 10, retries: 5, startPeriodSeconds: 30 },
      });
    }
    if (config.cache.mode === 'container') {
      containers.push({
        name: 'redis',
        image: ContainerImage.fromRegistry(config.cache.image),
        port: 6379,
        // Through the image's entrypoint so Redis still drops root; the shell expands the injected secret.
        command: ['sh', '-c', 'exec docker-entrypoint.sh redis-server --requirepass "$REDIS_PASSWORD"'],
        secrets: { REDIS_PASSWORD: cachePassword },
        writablePaths: ['/data'],
        healthCheck: { command: ['CMD-SHELL', 'REDISCLI_AUTH="$REDIS_PASSWORD" redis-cli ping | grep -q PONG'], intervalSeconds: 10, retries: 5, startPeriodSeconds: 10 },
      });
    }
    containers.push(
      {
        name: 'api-gateway',
        image: image(repos['api-gateway']),
        port: 8000,
        environment: { PORT: '8000', PRODUCT_SERVICE_URL: 'http://localhost:8001', INVENTORY_SERVICE_URL: 'http://localhost:8002', ...cacheEnv },
        secrets: { REDIS_PASSWORD: cachePassword },
        writablePaths: ['/tmp'],
        dependsOn: cache ? undefined : [{ containerName: 'redis', condition: 'HEALTHY' }],
      },
      ...(['product-service', 'inventory-service'] as const).map((name, i) => ({
        name,
        image: image(repos[name]),
        port: 8001 + i,
        environment: { PORT: String(8001 + i), ...dbEnv, ...cacheEnv },
        secrets: { ...dbSecrets, REDIS_PASSWORD: cachePassword },
        writablePaths: ['/tmp'],
        dependsOn: dataDeps.length > 0 ? dataDeps : undefined,
      })),
    );

    const service = new FargateService(this, 'Service', {
      name: n.env('stockwiz'),
      cluster,
      cpu: config.service.cpu,
      memoryMiB: config.service.memoryMiB,
      containers,
      vpc,
      securityGroups: [ecsSg],
      desiredCount: config.service.desiredCount,
      targetGroups: SERVICES.map((s) => ({ targetGroup: tgs[s.name], containerName: s.name, containerPort: s.port })),
      autoScaling: config.service.autoScaling,
      logGroupName: `/ecs/${env}`,
      logRetentionDays: config.logRetentionDays,
      logKmsKeyArn: key.keyArn,
    });

    database?.connections.allowDefaultPortFrom(service);
    cache?.connections.allowDefaultPortFrom(service);

    // --- observability: the seed's alarms to SNS dev-alerts → alerts@example.com
    const topic = new AlarmTopic(this, 'Alerts', { name: n.env('alerts'), emails: [config.alertEmail], kmsKeyArn: key.keyArn });
    const a = config.alarms;
    const alarm = (id: string, metric: Metric, name: string, threshold: number, description: string, evaluationPeriods?: number) =>
      metric.createAlarm(this, id, { name: n.env('stockwiz', name), description, threshold, evaluationPeriods, topics: [topic] });
    alarm('HighCpu', service.metricCpuUtilization(), 'high-cpu', a.cpuPercent, `High CPU: service CPU above ${a.cpuPercent}%`);
    alarm('HighMemory', service.metricMemoryUtilization(), 'high-memory', a.memoryPercent, `High memory: service memory above ${a.memoryPercent}%`);
    // One per target group: /products/* and /inventory/* reach their services directly, not through the gateway.
    for (const s of SERVICES) {
      const id = s.name === 'api-gateway' ? 'UnhealthyTargets' : `UnhealthyTargets-${s.name}`;
      const name = s.name === 'api-gateway' ? 'unhealthy-targets' : `unhealthy-targets-${s.name}`;
      alarm(id, tgs[s.name].metricUnhealthyHosts(), name, a.unhealthyTargets, `Health check fails: unhealthy ${s.name} targets above ${a.unhealthyTargets}`);
    }
    alarm('Http5xx', alb.metricHttpCodeTarget5xx(), 'http-5xx', a.http5xxCount, `HTTP 5xx: more than ${a.http5xxCount} target 5xx responses in 5 minutes`, 1);
    alarm('Elb5xx', alb.metricHttpCodeElb5xx(), 'elb-5xx', a.http5xxCount, `HTTP 5xx: more than ${a.http5xxCount} load balancer 5xx responses in 5 minutes`, 1);

    // --- outputs: where the user goes next (no secrets)
    this.output('load_balancer_dns_name', alb.dnsName, 'DNS name of the ALB (the StockWiz entry point)');
    this.output('url', domain ? `https://${domain.name}` : `http://${alb.dnsName}`, domain ? 'URL of StockWiz (HTTPS; HTTP redirects)' : "URL of StockWiz (the seed's HTTP listener on the ALB's DNS name)");
    if (domain) this.output('domain_name', domain.name, 'Domain aliased to the ALB');
    if (zone instanceof HostedZone) this.output('name_servers', zone.nameServers, `Name servers of the new zone ${zone.zoneName}: delegate to them (NS records at the parent zone or registrar)`);
    if (certificate && !zone) this.output('certificate_validation_records', certificate.certificate.domainValidationOptions, 'DNS records that validate the ACM certificate (create them by hand)');
    this.output('ecr_repository_urls', Object.fromEntries(Object.entries(repos).map(([name, r]) => [name, r.repositoryUrl])), 'ECR repository URL per service image');
    if (postgresRepo) this.output('ecr_postgres_repository_url', postgresRepo.repositoryUrl, 'ECR repository of the PostgreSQL container image');
    if (database) this.output('database_endpoint', database.endpoint, 'RDS PostgreSQL endpoint (host:port; credentials in Secrets Manager)');
    if (cache) this.output('redis_primary_endpoint', cache.primaryEndpoint, 'ElastiCache primary endpoint (TLS; AUTH token in Secrets Manager)');
    this.output('ecs_cluster_name', cluster.name, 'ECS cluster running the service');
  }
}

/** Adds `stockwiz-dev` and `stockwiz-prod`. */
export function addStockwizStacks(app: App): StockwizStack[] {
  return STOCKWIZ_ENVIRONMENTS.map((env) => new StockwizStack(app, `stockwiz-${env}`, env, stockwizConfig(env)));
}
