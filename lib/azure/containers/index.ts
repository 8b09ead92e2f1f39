export * from './container-registry';
export * from './container-apps-environment';
export * from './container-app';
