// Every aws construct of the library, one import: `import { ... } from 'cdktf-reference-architectures/aws'`.
// Re-exports our construct modules only (they import provider classes by deep path).
export * from './aws-stack';
export * from './backup';
export * from './cdn';
export * from './compute';
export * from './containers';
export * from './database';
export * from './dns';
export * from './email';
export * from './loadbalancing';
export * from './messaging';
export * from './monitoring';
export * from './network';
export * from './security';
export * from './serverless';
export * from './storage';
