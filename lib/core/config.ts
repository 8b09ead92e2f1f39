import { z } from 'zod';
import { isCidr } from './cidr';
import { AWS_REGIONS, didYouMean, isAwsRegion } from './regions';
import { formatValue } from './validation';

/** Raised when configuration does not match its schema; names the field path. */
export class ConfigError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ConfigError';
  }
}

/** A CIDR block field (`10.0.0.0/16`). */
export const cidr = () =>
  z.string().refine(isCidr, { error: (issue) => `must be an IPv4 CIDR block such as 10.0.0.0/16 with no host bits set (got ${formatValue(issue.input)})` });

/** An AWS region field (`us-east-1`); a typo gets a suggestion. */
export const awsRegion = () =>
  z.string().refine(isAwsRegion, {
    error: (issue) => {
      const hint = didYouMean(issue.input, AWS_REGIONS);
      return `must be an AWS region such as us-east-1 (got ${formatValue(issue.input)})${hint ? `; did you mean ${formatValue(hint)}?` : ''}`;
    },
  });

/** An e-mail address field. */
export const email = () => z.email();

/** Log retention values accepted by CloudWatch Logs and Log Analytics. */
export const CLOUDWATCH_RETENTION_DAYS = [1, 3, 5, 7, 14, 30, 60, 90, 120, 150, 180, 365, 400, 545, 731, 1096, 1827, 2192, 2557, 2922, 3288, 3653] as const;

/** Remote state settings; `local` keeps state on disk for trying the project out. */
export const backendSchema = z.discriminatedUnion('type', [
  z.object({
    type: z.literal('s3'),
    bucket: z.string().min(3).max(63),
    region: z.string().min(1),
    /** Prepended to the state key. */
    keyPrefix: z.string().optional(),
    /**
     * State key, `{stack}`, `{environment}` and `{architecture}` filled in per stack.
     * @default `{stack}/terraform.tfstate`
     */
    key: z.string().min(1).optional(),
  }),
  z.object({
    type: z.literal('azurerm'),
    resourceGroupName: z.string().min(1),
    storageAccountName: z.string().regex(/^[a-z0-9]{3,24}$/, 'must be 3-24 lowercase letters and digits'),
    containerName: z.string().min(3),
    /** Prepended to the state key. */
    keyPrefix: z.string().optional(),
    /**
     * State key, `{stack}`, `{environment}` and `{architecture}` filled in per stack.
     * @default `{stack}.tfstate`
     */
    key: z.string().min(1).optional(),
  }),
  z.object({ type: z.literal('local') }),
]);
/** Backend settings; `keyPrefix` and `key` are optional (the input type of {@link backendSchema}). */
export type BackendConfig = z.input<typeof backendSchema>;

/** The protection level of a stack, set explicitly per environment in each architecture's config. */
export const stageSchema = () => z.enum(['production', 'non-production']);

/**
 * Validates the configuration of one architecture and environment.
 *
 * `environments` maps environment names to raw settings (typically a `base`
 * object spread with per-environment overrides). An unknown environment, or a
 * value that breaks the schema, throws a {@link ConfigError} whose message
 * names `<architecture>.<environment>.<field.path>`.
 */
export function loadConfig<S extends z.ZodType>(
  architecture: string,
  schema: S,
  environments: Record<string, unknown>,
  environment: string,
): z.infer<S> {
  const raw = environments[environment];
  if (raw === undefined) {
    throw new ConfigError(
      `${architecture}: unknown environment "${environment}" (expected one of ${Object.keys(environments).join(', ')})`,
    );
  }
  const parsed = schema.safeParse(raw);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((i) => {
      const field = [architecture, environment, ...i.path.map(String)].join('.');
      return `${field}: ${i.message}`;
    });
    throw new ConfigError(`invalid configuration:\n  ${lines.join('\n  ')}`);
  }
  return parsed.data;
}

/** Deep-merges plain objects (arrays and scalars from `override` replace `base`). */
export function merge<T>(base: T, override: DeepPartial<T>): T {
  if (!isPlainObject(base) || !isPlainObject(override)) return (override === undefined ? base : override) as T;
  const out: Record<string, unknown> = { ...(base as Record<string, unknown>) };
  for (const [k, v] of Object.entries(override as Record<string, unknown>)) {
    if (v === undefined) continue;
    out[k] = merge((base as Record<string, unknown>)[k], v as never);
  }
  return out as T;
}

export type DeepPartial<T> = T extends readonly unknown[] ? T : T extends object ? { [K in keyof T]?: DeepPartial<T[K]> } : T;

function isPlainObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}
