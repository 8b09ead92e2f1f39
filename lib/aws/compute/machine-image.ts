import { DataAwsSsmParameter } from '@cdktf/provider-aws/lib/data-aws-ssm-parameter';
import { Construct } from 'constructs';
import { ValidationError } from '../../core/validation';

/** Public SSM parameters that track the latest Amazon Linux 2023 AMIs. */
export const AMAZON_LINUX_2023 = {
  x86_64: '/aws/service/ami-amazon-linux-latest/al2023-ami-kernel-default-x86_64',
  arm64: '/aws/service/ami-amazon-linux-latest/al2023-ami-kernel-default-arm64',
} as const;

/** Where a launch template's AMI comes from. */
export abstract class MachineImage {
  /** A fixed AMI id, e.g. the custom (golden) AMI the seed's launch template uses. */
  static fromAmiId(amiId: string): MachineImage {
    return new FixedImage(amiId);
  }

  /** An AMI id read at plan time from an SSM parameter (public `/aws/service/...` ones track the latest image). */
  static fromSsmParameter(parameterName: string): MachineImage {
    return new SsmImage(parameterName);
  }

  /** The latest Amazon Linux 2023 AMI. */
  static latestAmazonLinux2023(arch: keyof typeof AMAZON_LINUX_2023 = 'x86_64'): MachineImage {
    return new SsmImage(AMAZON_LINUX_2023[arch]);
  }

  /** Returns the AMI id (a literal or a reference), validating the source. */
  abstract imageId(scope: Construct): string;

  /** Human-readable description (for errors and docs). */
  abstract readonly source: string;
}

class FixedImage extends MachineImage {
  constructor(private readonly amiId: string) {
    super();
  }
  get source(): string {
    return this.amiId;
  }
  imageId(scope: Construct): string {
    if (!/^ami-([0-9a-f]{8}|[0-9a-f]{17})$/.test(this.amiId)) {
      throw new ValidationError(scope.node.path, 'AMI id must look like ami- followed by 8 or 17 hex digits', this.amiId);
    }
    return this.amiId;
  }
}

class SsmImage extends MachineImage {
  constructor(private readonly parameterName: string) {
    super();
  }
  get source(): string {
    return `ssm:${this.parameterName}`;
  }
  imageId(scope: Construct): string {
    if (!/^\/[\w./-]+$/.test(this.parameterName)) {
      throw new ValidationError(scope.node.path, 'SSM parameter name must be an absolute path such as /aws/service/ami-amazon-linux-latest/...', this.parameterName);
    }
    return new DataAwsSsmParameter(scope, 'AmiParameter', { name: this.parameterName }).value;
  }
}
