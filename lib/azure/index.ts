// Every azure construct of the library, one import: `import { ... } from 'cdktf-reference-architectures/azure'`.
// Re-exports our construct modules only (they import provider classes by deep path).
export * from './backup';
export * from './cache';
export * from './compute';
export * from './containers';
export * from './core';
export * from './database';
export * from './etl';
export * from './frontend';
export * from './functions';
export * from './gateway';
export * from './messaging';
export * from './network';
export * from './observability';
export * from './security';
export * from './storage';
export * from './ai';
export * from './azure-stack';
