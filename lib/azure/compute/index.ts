export * from './app-service-plan';
export * from './linux-web-app';
export * from './autoscale';
export * from './linux-virtual-machine';
