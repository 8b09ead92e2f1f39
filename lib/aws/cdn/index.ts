export * from './spa-distribution';
