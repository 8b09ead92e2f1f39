export * from './virtual-network';
export * from './network-security-group';
export * from './private-dns';
export * from './nat-gateway';
export * from './ddos-protection-plan';
export * from './private-endpoint-target';
export * from './firewall';
export * from './dns-zone';
