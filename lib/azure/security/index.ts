export * from './key-vault';
export * from './managed-identity';
export * from './key-vault-certificate';
export * from './pipeline-identity';
