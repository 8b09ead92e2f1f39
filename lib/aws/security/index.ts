export * from './encryption-key';
export * from './role';
export * from './grants';
export * from './waf';
export * from './certificate';
export * from './generated-secret';
export * from './grant';
