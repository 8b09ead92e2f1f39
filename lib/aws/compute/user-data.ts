import { Fn } from 'cdktf';
import { ValidationError } from '../../core/validation';

export interface ContainerUserDataProps {
  /** ECR repository URL (`<account>.dkr.ecr.<region>.amazonaws.com/<name>`), a literal or a reference. */
  readonly repositoryUrl: string;
  /** Image tag to run. */
  readonly imageTag: string;
  /** Region of the repository and the log group. */
  readonly region: string;
  /** CloudWatch log group the container's stdout/stderr go to (awslogs driver). */
  readonly logGroupName: string;
  /**
   * Environment of the container. Values are references and names, never secrets:
   * the application reads secrets (e.g. the database secret ARN) at runtime with the instance role.
   * @default none
   */
  readonly environment?: Record<string, string>;
  /**
   * Install the CloudWatch agent and publish memory and root-disk usage per Auto Scaling group
   * (`CWAgent` `mem_used_percent` / `disk_used_percent` by `AutoScalingGroupName`).
   * @default true
   */
  readonly cloudWatchAgent?: boolean;
}

/** The CloudWatch agent configuration: memory and `/` disk usage, aggregated per Auto Scaling group. */
export const CLOUDWATCH_AGENT_CONFIG = {
  agent: { metrics_collection_interval: 60 },
  metrics: {
    namespace: 'CWAgent',
    append_dimensions: { AutoScalingGroupName: '${aws:AutoScalingGroupName}', InstanceId: '${aws:InstanceId}' },
    aggregation_dimensions: [['AutoScalingGroupName']],
    metrics_collected: {
      mem: { measurement: ['mem_used_percent'] },
      disk: { measurement: ['used_percent'], resources: ['/'], drop_device: true },
    },
  },
};

const shellQuote = (v: string) => `'${v}'`;

/**
 * A boot script for Amazon Linux 2023 that runs one container image from ECR
 * as a service: Docker, log in to ECR with the instance role, run the image
 * with host networking (IMDSv2 hop limit 1 keeps working) and `--restart
 * always`, logs to CloudWatch; optionally the CloudWatch agent for memory and
 * disk metrics. A new image tag changes the launch template, and the Auto
 * Scaling group's instance refresh rolls it out.
 */
export function containerUserData(props: ContainerUserDataProps): string {
  const bad = Object.entries(props.environment ?? {}).find(([k, v]) => !/^[A-Za-z_]\w*$/.test(k) || /['\\]/.test(v));
  if (bad) throw new ValidationError('containerUserData', 'environment names must be shell identifiers and values must not contain quotes or backslashes', bad[0]);
  const registry = Fn.element(Fn.split('/', props.repositoryUrl), 0);
  const env = Object.entries(props.environment ?? {}).map(([k, v]) => `-e ${k}=${shellQuote(v)}`);
  const agent = props.cloudWatchAgent ?? true;
  const lines = [
    '#!/bin/bash',
    'set -euo pipefail',
    `dnf install -y docker${agent ? ' amazon-cloudwatch-agent' : ''}`,
    'systemctl enable --now docker',
  ];
  if (agent) {
    // Base64 keeps the agent's own ${aws:...} placeholders and JSON quotes away from Terraform's template syntax.
    const config = Buffer.from(JSON.stringify(CLOUDWATCH_AGENT_CONFIG)).toString('base64');
    lines.push(
      `echo ${config} | base64 -d > /opt/aws/amazon-cloudwatch-agent/etc/amazon-cloudwatch-agent.json`,
      '/opt/aws/amazon-cloudwatch-agent/bin/amazon-cloudwatch-agent-ctl -a fetch-config -m ec2 -s -c file:/opt/aws/amazon-cloudwatch-agent/etc/amazon-cloudwatch-agent.json',
    );
  }
  lines.push(
    `aws ecr get-login-password --region ${props.region} | docker login --username AWS --password-stdin ${registry}`,
    // One line: backslash continuations do not survive Terraform's string escaping.
    [
      'docker run -d --name app --restart always --network host',
      `--log-driver awslogs --log-opt awslogs-region=${props.region} --log-opt awslogs-group=${props.logGroupName}`,
      ...env,
      `${props.repositoryUrl}:${props.imageTag}`,
    ].join(' '),
    '',
  );
  return lines.join('\n');
}
