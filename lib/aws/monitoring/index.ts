export * from './log-group';
export * from './alarms';
