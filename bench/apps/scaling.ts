/**
 * Scaling series: one AwsStack with N services built from the library's own
 * constructs, synthesized in a fresh process, so the per-resource cost of
 * construction + validation + synthesis can be compared across N.
 *
 * Shared per stack: KMS key, alarm topic, VPC (2 AZs), ECS cluster, ECR
 * repository, and one HTTPS ALB per 100 services. Per service: target group +
 * path rule on its ALB, a Fargate service (task definition, execution and
 * task roles, log group, CPU / memory target-tracking autoscaling), its
 * security group opened from the ALB on the container port, and CPU / memory /
 * unhealthy-host alarms.
 *
 * Usage: CDKTF_OUTDIR=/tmp/x node -r @swc-node/register bench/apps/scaling.ts <N>
 */
import { App } from 'cdktf';
import { Construct } from 'constructs';
import { performance } from 'perf_hooks';
import { ContainerImage, EcrRepository, EcsCluster, FargateService } from '../../lib/aws/containers';
import { ApplicationLoadBalancer } from '../../lib/aws/loadbalancing';
import { AlarmTopic, MetricAlarm } from '../../lib/aws/monitoring';
import { Port, SecurityGroup, Vpc } from '../../lib/aws/network';
import { NatGateways } from '../../lib/aws/network/vpc';
import { EncryptionKey } from '../../lib/aws/security';
import { synthApp } from '../../lib/core/app';
import { AwsStack } from '../../lib/aws/aws-stack';
import { countStack, now, report } from './report';

const STACK = 'scale-bench';
const CONTAINER_PORT = 8080;

/** What one generated service brings (listed in the bench output). */
export const SERVICE_CHAIN = [
  'ALB target group + path rule',
  'Fargate service (task definition, roles, log group, autoscaling)',
  'security group from the ALB',
  '3 alarms',
];

/** Services per load balancer: AWS allows 100 listener rules per ALB by default, so the stack adds an ALB per 100 services. */
const SERVICES_PER_ALB = 100;

/** Builds the stack with `n` services; returns it. */
export function buildScalingStack(app: App, n: number): AwsStack {
  const stack = new AwsStack(app, STACK, { architecture: 'scale', environment: 'bench', region: 'us-east-1', backend: { type: 'local' } });
  const key = new EncryptionKey(stack, 'Key', { alias: 'scale-bench' });
  const topic = new AlarmTopic(stack, 'Alerts', { name: 'scale-bench-alerts', kmsKeyArn: key.keyArn });
  const vpc = new Vpc(stack, 'Vpc', {
    name: 'bench',
    cidr: '10.0.0.0/16',
    publicSubnets: [
      { cidr: '10.0.0.0/24', az: 'us-east-1a' },
      { cidr: '10.0.1.0/24', az: 'us-east-1b' },
    ],
    privateSubnets: [
      { cidr: '10.0.10.0/24', az: 'us-east-1a' },
      { cidr: '10.0.11.0/24', az: 'us-east-1b' },
    ],
    natGateways: NatGateways.SINGLE,
    flowLogKmsKeyArn: key.keyArn,
  });
  const cluster = new EcsCluster(stack, 'Cluster', { name: 'bench' });
  const repository = new EcrRepository(stack, 'Images', { name: 'bench/services', kmsKeyArn: key.keyArn });
  const albs: ApplicationLoadBalancer[] = [];

  for (let i = 0; i < n; i++) {
    const name = `svc-${i}`;
    const k = Math.floor(i / SERVICES_PER_ALB);
    albs[k] ??= new ApplicationLoadBalancer(stack, `Alb${k}`, {
      name: `bench-alb-${k}`,
      vpcId: vpc.vpcId,
      subnets: vpc.public,
      certificateArn: 'arn:aws:acm:us-east-1:123456789012:certificate/00000000-0000-0000-0000-000000000000',
    });
    const alb = albs[k];
    const svc = new Construct(stack, `Svc${i}`);
    const tg = alb.addTargetGroup(`Tg${i}`, { name: `bench-${name}`, port: CONTAINER_PORT, healthCheck: { path: '/health' } });
    alb.addPathRule([`/${name}/*`], tg, (i % SERVICES_PER_ALB) + 1);
    const sg = new SecurityGroup(svc, 'Sg', { vpcId: vpc.vpcId, name: `bench-${name}` });
    alb.securityGroup.connectTo(sg, Port.tcp(CONTAINER_PORT));
    new FargateService(svc, 'Service', {
      name: `bench-${name}`,
      cluster,
      cpu: 256,
      memoryMiB: 512,
      containers: [{ name: 'app', image: ContainerImage.fromEcr(repository, name), port: CONTAINER_PORT, environment: { SERVICE: name } }],
      subnets: vpc.private,
      securityGroups: [sg],
      targetGroups: [{ targetGroup: tg, containerName: 'app', containerPort: CONTAINER_PORT }],
      autoScaling: { minCapacity: 1, maxCapacity: 4 },
      logKmsKeyArn: key.keyArn,
    });
    const dimensions = { ClusterName: 'bench', ServiceName: `bench-${name}` };
    for (const metricName of ['CPUUtilization', 'MemoryUtilization']) {
      new MetricAlarm(svc, metricName, { name: `bench-${name}-${metricName}`, namespace: 'AWS/ECS', metricName, dimensions, threshold: 80, topics: [topic] });
    }
    new MetricAlarm(svc, 'UnhealthyHosts', {
      name: `bench-${name}-unhealthy-hosts`,
      namespace: 'AWS/ApplicationELB',
      metricName: 'UnHealthyHostCount',
      dimensions: { LoadBalancer: alb.arnSuffix, TargetGroup: tg.arnSuffix },
      threshold: 0,
      statistic: 'Maximum',
      topics: [topic],
    });
  }
  return stack;
}

function main(): void {
  const startupMs = performance.now();
  const n = Number(process.argv[2] ?? process.env.BENCH_N);
  if (!Number.isInteger(n) || n < 1) throw new Error('usage: scaling.ts <N services>');
  const outdir = process.env.CDKTF_OUTDIR;
  if (!outdir) throw new Error('set CDKTF_OUTDIR to a scratch directory');

  let t = now();
  const app = new App({ outdir, stackTraces: process.env.CDKTF_STACK_TRACES === '1' });
  const stack = buildScalingStack(app, n);
  const constructMs = now() - t;
  const constructs = stack.node.findAll().length;
  t = now();
  synthApp(app);
  const synthMs = now() - t;
  const counts = countStack(outdir, STACK);
  report({ n, chain: SERVICE_CHAIN, startupMs, constructMs, synthMs, constructs, ...counts, heapUsedMB: process.memoryUsage().heapUsed / 2 ** 20 });
}

// Run directly (`node -r ./scripts/register.js <file>`) or as the app command's entry (`node scripts/synth.js <file>`,
// which requires the entry, so it is not require.main).
if (require.main === module || (globalThis as { __cdktfSynthEntry?: string }).__cdktfSynthEntry === __filename) main();
