export * from './email-domain';
