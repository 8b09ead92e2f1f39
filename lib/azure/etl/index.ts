export * from './data-factory';
