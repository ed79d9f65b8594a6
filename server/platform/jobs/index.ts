export {
  createJobQueue,
  enqueueInTransaction,
  enqueueManyInTransaction,
  installJobSchema,
  JOBS_SCHEMA,
  SCHEDULE_TIME_ZONE,
  type BatchJobHandler,
  type EnqueueOptions,
  type JobContext,
  type JobHandler,
  type JobQueue,
  type QueueDefinition,
  type WorkOptions,
} from './job-queue.js';
export { executorForHandle, executorForTransaction, type SqlExecutor } from './sql-executor.js';
export { createQueueMissingError } from './jobs.errors.js';
export { OTHER_CPU, workerCpu, type CpuShareEntry } from './cpu-share.js';
