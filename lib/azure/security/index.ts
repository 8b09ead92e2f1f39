export * from './key-vault';
export * from './managed-identity';
