export * from './log-group';
export * from './alarms';
export * from './dashboard';
export * from './standard-alarms';
export * from './metric';
