export * from './function-app';
