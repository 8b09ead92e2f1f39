export * from './hosted-zone';
export * from './zone-config';
