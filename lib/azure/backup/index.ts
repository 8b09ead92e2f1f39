export * from './backup-vault';
