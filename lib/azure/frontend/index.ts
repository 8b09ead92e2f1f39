export * from './front-door';
export * from './traffic-manager';
export * from './static-web-app';
export * from './front-door-custom-domain';
