/**
 * A small web shop on AWS, built from the library's public entry points only:
 * a VPC, an HTTPS ALB with two path rules, one Fargate service running two
 * containers (web + api), RDS for PostgreSQL, alarms to an SNS topic, state in S3.
 *
 * In your own repository the imports read `from 'cdktf-reference-architectures/aws'`
 * (and `/core`, `/policy`); here they point at the same index files.
 */
import { Construct } from 'constructs';
import {
  AlarmTopic,
  ApplicationLoadBalancer,
  AwsStack,
  ContainerImage,
  EcrRepository,
  EcsCluster,
  EncryptionKey,
  FargateService,
  NatGateways,
  Peer,
  Port,
  PostgresDatabase,
  SecurityGroup,
  Vpc,
} from '../../lib/aws';
import { BackendConfig, Stage } from '../../lib/core';
import { Policy } from '../../lib/policy';

export interface ShopStackProps {
  readonly environment: string;
  readonly stage: Stage;
  readonly region: string;
  /** Remote state: the S3 bucket (the key defaults to `<stack>/terraform.tfstate`). */
  readonly backend: BackendConfig;
  /** ACM certificate of the shop's domain (the ALB serves HTTPS, HTTP redirects). */
  readonly certificateArn: string;
  readonly alertEmail: string;
}

export class ShopStack extends AwsStack {
  constructor(scope: Construct, id: string, props: ShopStackProps) {
    super(scope, id, { architecture: 'shop', ...props });
    const n = this.naming;
    const key = new EncryptionKey(this, 'Key', { alias: n.env('shop') });

    // --- network: two AZs, public (ALB), private (tasks, one NAT), isolated (database)
    const az = (l: string) => `${props.region}${l}`;
    const vpc = new Vpc(this, 'Vpc', {
      name: n.env('shop'),
      cidr: '10.40.0.0/16',
      publicSubnets: [{ cidr: '10.40.0.0/24', az: az('a') }, { cidr: '10.40.1.0/24', az: az('b') }],
      privateSubnets: [{ cidr: '10.40.10.0/24', az: az('a') }, { cidr: '10.40.11.0/24', az: az('b') }],
      isolatedSubnets: [{ cidr: '10.40.20.0/24', az: az('a') }, { cidr: '10.40.21.0/24', az: az('b') }],
      natGateways: this.isProduction ? NatGateways.PER_AZ : NatGateways.SINGLE,
      flowLogKmsKeyArn: key.keyArn,
    });

    // --- edge: HTTPS ALB; `/` → web, `/api/*` and `/auth/*` → api
    const alb = new ApplicationLoadBalancer(this, 'Alb', { name: n.env('shop'), vpcId: vpc.vpcId, subnets: vpc.public, certificateArn: props.certificateArn, deletionProtection: this.isProduction });
    Policy.suppress(alb, 'AWS-S3-008', 'ALB access-log delivery supports SSE-S3 only');
    const web = alb.addTargetGroup('WebTg', { name: n.env('shop-web'), port: 3000, healthCheck: { path: '/' } });
    const api = alb.addTargetGroup('ApiTg', { name: n.env('shop-api'), port: 8080, healthCheck: { path: '/api/health' } });
    alb.setDefaultTargetGroup(web);
    alb.addPathRule(['/api/*'], api, 10);
    alb.addPathRule(['/auth/*'], api, 20);

    // --- data: PostgreSQL 17 in the isolated subnets, master password managed by RDS in Secrets Manager
    const db = new PostgresDatabase(this, 'Database', {
      identifier: n.env('shop-db'),
      vpcId: vpc.vpcId,
      subnets: vpc.isolated,
      instanceClass: 'db.t4g.small',
      databaseName: 'shop',
      multiAz: this.isProduction,
      deletionProtection: this.isProduction,
      kmsKeyArn: key.keyArn,
    });

    // --- compute: one Fargate task with the two containers
    const tasks = new SecurityGroup(this, 'TasksSg', { vpcId: vpc.vpcId, name: n.env('shop-tasks'), description: 'shop tasks: 3000/8080 from the ALB' });
    tasks.allowTo(Peer.anyIpv4(), Port.tcp(443)); // image pulls, Secrets Manager, CloudWatch Logs through the NAT
    const apiRepo = new EcrRepository(this, 'ApiRepo', { name: n.env('shop-api'), kmsKeyArn: key.keyArn });
    const service = new FargateService(this, 'Service', {
      name: n.env('shop'),
      cluster: new EcsCluster(this, 'Cluster', { name: n.env('shop') }),
      cpu: 512,
      memoryMiB: 1024,
      subnets: vpc.private,
      securityGroups: [tasks],
      desiredCount: this.isProduction ? 2 : 1,
      logKmsKeyArn: key.keyArn,
      containers: [
        { name: 'web', image: ContainerImage.fromRegistry('public.ecr.aws/nginx/nginx:1.27'), port: 3000, writablePaths: ['/var/cache/nginx', '/var/run', '/tmp'] },
        {
          name: 'api',
          image: ContainerImage.fromEcr(apiRepo, '1.0.0'),
          port: 8080,
          environment: { DB_HOST: db.address, DB_PORT: String(db.port), DB_NAME: 'shop' },
          secrets: { DB_USER: db.masterSecret('username'), DB_PASSWORD: db.masterSecret('password') },
        },
      ],
      targetGroups: [
        { targetGroup: web, containerName: 'web', containerPort: 3000 },
        { targetGroup: api, containerName: 'api', containerPort: 8080 },
      ],
    });
    db.connections.allowDefaultPortFrom(service);

    // --- alarms: e-mail on high CPU, unhealthy api targets, 5xx and database CPU
    const topic = new AlarmTopic(this, 'Alerts', { name: n.env('shop-alerts'), emails: [props.alertEmail], kmsKeyArn: key.keyArn });
    service.metricCpuUtilization().createAlarm(this, 'HighCpu', { name: n.env('shop-high-cpu'), threshold: 80, topics: [topic] });
    api.metricUnhealthyHosts().createAlarm(this, 'UnhealthyApi', { name: n.env('shop-unhealthy-api'), threshold: 0, topics: [topic] });
    alb.metricHttpCodeTarget5xx().createAlarm(this, 'Http5xx', { name: n.env('shop-5xx'), threshold: 10, evaluationPeriods: 1, topics: [topic] });
    db.metricCpuUtilization().createAlarm(this, 'DbCpu', { name: n.env('shop-db-cpu'), threshold: 80, topics: [topic] });

    this.output('url', `https://${alb.dnsName}`, 'Shop entry point (point your domain at it)');
    this.output('api_repository_url', apiRepo.repositoryUrl, 'ECR repository the pipeline pushes the api image to');
    this.output('database_endpoint', db.endpoint, 'PostgreSQL endpoint (credentials in Secrets Manager)');
  }
}
