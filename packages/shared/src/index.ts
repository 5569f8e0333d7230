export * from './checkpoint.js';
export * from './cluster.js';
export * from './job.js';
export * from './job-builder.js';
export * from './job-detail.js';
export * from './job-spec.js';
export * from './operator-spec.js';
export * from './vertex-load.js';
