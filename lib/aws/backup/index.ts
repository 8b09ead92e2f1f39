export * from './backup-plan';
