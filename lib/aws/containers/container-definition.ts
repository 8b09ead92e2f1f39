import { SecretRef, secretValueFrom } from '../security/generated-secret';
import { ContainerImage } from './container-image';

/** A container health check (Docker `HEALTHCHECK`). */
export interface ContainerHealthCheck {
  /** Command, e.g. `['CMD-SHELL', 'pg_isready -U admin']`. */
  readonly command: string[];
  /**
   * Seconds between checks (5-300).
   * @default 30
   */
  readonly intervalSeconds?: number;
  /**
   * Seconds a check may take (2-60).
   * @default 5
   */
  readonly timeoutSeconds?: number;
  /**
   * Failures before the container is unhealthy (1-10).
   * @default 3
   */
  readonly retries?: number;
  /**
   * Grace period in seconds before failures count (0-300).
   * @default 0
   */
  readonly startPeriodSeconds?: number;
}

/** One container of the task. */
export interface ContainerProps {
  /** Container name, also its log stream prefix (e.g. `api-gateway`). */
  readonly name: string;
  /** The image. */
  readonly image: ContainerImage;
  /**
   * TCP port the container listens on.
   * @default no port mapping
   */
  readonly port?: number;
  /**
   * The task stops when this container stops.
   * @default true
   */
  readonly essential?: boolean;
  /**
   * Plain environment variables (never secrets: use `secrets`).
   * @default none
   */
  readonly environment?: Record<string, string>;
  /**
   * Environment variables read from Secrets Manager at start; the execution role may read exactly these.
   * @default none
   */
  readonly secrets?: Record<string, SecretRef>;
  /**
   * Container health check.
   * @default none (the load balancer's health check still applies)
   */
  readonly healthCheck?: ContainerHealthCheck;
  /**
   * Containers that must reach a state before this one starts.
   * @default none
   */
  readonly dependsOn?: Array<{ containerName: string; condition: 'START' | 'COMPLETE' | 'SUCCESS' | 'HEALTHY' }>;
  /**
   * Read-only root file system; write only to `writablePaths`.
   * @default true
   */
  readonly readonlyRootFilesystem?: boolean;
  /**
   * Paths that get a writable task-local volume (e.g. `/var/lib/postgresql/data`, `/tmp`).
   * @default none
   */
  readonly writablePaths?: string[];
  /**
   * CPU units reserved for the container.
   * @default none: containers share the task's CPU
   */
  readonly cpu?: number;
  /**
   * Hard memory limit in MiB.
   * @default none: limited by the task's memory
   */
  readonly memoryMiB?: number;
  /**
   * Command overriding the image's `CMD`.
   * @default the image's
   */
  readonly command?: string[];
}

/** Where every container of a task logs: one log group, one stream prefix per container. */
export interface ContainerLogging {
  /** The log group's name. */
  readonly logGroupName: string;
  /** The stack's region (`awslogs-region`). */
  readonly region: string;
}

/** The rendered `containerDefinitions` and the task-local volumes they mount. */
export interface RenderedContainers {
  /** ECS container definitions, in the order of the containers. */
  readonly definitions: Record<string, unknown>[];
  /** One task-local volume per writable path. */
  readonly volumes: { name: string }[];
}

/**
 * Renders the containers of a task as ECS container definitions: read-only root
 * file systems with a task-local volume per writable path, unprivileged,
 * environment and secrets sorted by name (stable JSON), a port mapping named
 * `<container>-<port>`, and `awslogs` into one group with the container name as
 * stream prefix.
 */
export function renderContainerDefinitions(containers: readonly ContainerProps[], logging: ContainerLogging): RenderedContainers {
  const volumes: { name: string }[] = [];
  const definitions = containers.map((c) => {
    const mounts = (c.writablePaths ?? []).map((path) => {
      const name = `${c.name}-${path.replace(/[^A-Za-z0-9]+/g, '-').replace(/^-|-$/g, '')}`.slice(0, 255);
      volumes.push({ name });
      return { sourceVolume: name, containerPath: path, readOnly: false };
    });
    const hc = c.healthCheck;
    return {
      name: c.name,
      image: c.image.imageName,
      essential: c.essential ?? true,
      cpu: c.cpu,
      memory: c.memoryMiB,
      command: c.command,
      portMappings: c.port === undefined ? [] : [{ name: `${c.name}-${c.port}`, containerPort: c.port, hostPort: c.port, protocol: 'tcp' }],
      environment: Object.entries(c.environment ?? {})
        .sort(([a], [b]) => a.localeCompare(b))
        .map(([name, value]) => ({ name, value })),
      secrets: Object.entries(c.secrets ?? {})
        .sort(([a], [b]) => a.localeCompare(b))
        .map(([name, ref]) => ({ name, valueFrom: secretValueFrom(ref) })),
      readonlyRootFilesystem: c.readonlyRootFilesystem ?? true,
      privileged: false,
      mountPoints: mounts,
      volumesFrom: [],
      dependsOn: c.dependsOn,
      healthCheck: hc
        ? { command: hc.command, interval: hc.intervalSeconds ?? 30, timeout: hc.timeoutSeconds ?? 5, retries: hc.retries ?? 3, startPeriod: hc.startPeriodSeconds ?? 0 }
        : undefined,
      logConfiguration: {
        logDriver: 'awslogs',
        options: { 'awslogs-group': logging.logGroupName, 'awslogs-region': logging.region, 'awslogs-stream-prefix': c.name },
      },
    };
  });
  return { definitions, volumes };
}
