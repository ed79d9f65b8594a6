/** Consumers of event streams (checkpoints, claims, retries, dead letters, replay, lag). */
export { EVENT_PARTITIONS, inOneSavepoint, type EventConsumer, type EventSource, type StreamEvent } from './consumer.js';
export { consumerLag, createConsumerRunner, replayConsumer, retryDelayMs, type ConsumerLag, type ConsumerRunner, type PassResult, type RunnerOptions } from './consumer-runner.js';
export { consumerAdminRoutes } from './events.routes.js';
export { eventConsumerCheckpointsTable, type CheckpointRow, type ConsumerStatus } from './events.tables.js';
