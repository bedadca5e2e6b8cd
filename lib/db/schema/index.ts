export * from './auth';
export * from './projects';
export * from './services';
export * from './env';
export * from './processes';
export * from './audit';
export * from './stats';
export * from './logs';
