export * from './queue';
export * from './topic';
