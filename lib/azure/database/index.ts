export * from './postgres-flexible-server';
export * from './sql-server';
export * from './cosmos-account';
export * from './mysql-flexible-server';
