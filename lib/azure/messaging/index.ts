export * from './service-bus';
