export * from './virtual-network';
export * from './network-security-group';
export * from './private-dns';
