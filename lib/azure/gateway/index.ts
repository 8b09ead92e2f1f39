export * from './api-management';
