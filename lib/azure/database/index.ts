export * from './postgres-flexible-server';
export * from './mysql-flexible-server';
