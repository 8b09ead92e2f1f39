export * from './ecr-repository';
export * from './ecs-cluster';
export * from './fargate-service';
