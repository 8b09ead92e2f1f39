export * from './front-door';
export * from './traffic-manager';
