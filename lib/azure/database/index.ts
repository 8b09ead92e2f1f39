export * from './postgres-flexible-server';
