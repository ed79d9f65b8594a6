/**
 * Every queue the platform uses. They are created when the job queue starts and in the test
 * template; a module adds its own definitions here.
 */
import { filesRescanQueue, sweepDraftsQueue } from '../../modules/dossiers/dossiers.jobs.js';
import { sweepDeadlinesQueue } from '../../modules/dossiers/dossiers.deadline-sweep.js';
import { accountMailQueue } from '../../modules/identity/index.js';
import { mailSendQueue } from '../mail/mail.jobs.js';
import type { QueueDefinition } from './job-queue.js';

export const platformQueues: readonly QueueDefinition[] = [mailSendQueue, sweepDraftsQueue, filesRescanQueue, sweepDeadlinesQueue, accountMailQueue];
