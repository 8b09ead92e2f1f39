export * from './vpc';
export * from './security-group';
export * from './connections';
