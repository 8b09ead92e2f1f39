export * from './vpc';
export * from './security-group';
