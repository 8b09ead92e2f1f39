export * from './api-management';
export * from './waf-policy';
export * from './application-gateway';
