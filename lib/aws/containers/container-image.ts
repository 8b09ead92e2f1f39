import { EcrRepository } from './ecr-repository';

/** Where a container image comes from. */
export class ContainerImage {
  /** An image in one of this stack's ECR repositories; the execution role may pull from it (and only it). */
  static fromEcr(repository: EcrRepository, tag = 'latest'): ContainerImage {
    return new ContainerImage(`${repository.repositoryUrl}:${tag}`, repository.arn);
  }
  /** A public image, e.g. `redis:7-alpine` (pulled through the NAT gateway). */
  static fromRegistry(name: string): ContainerImage {
    return new ContainerImage(name);
  }
  private constructor(
    public readonly imageName: string,
    public readonly repositoryArn?: string,
  ) {}
}
