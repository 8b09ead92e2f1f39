export * from './waf-policy';
export * from './application-gateway';
