export * from './instance-role';
export * from './machine-image';
export * from './launch-template';
export * from './auto-scaling-group';
export * from './user-data';
