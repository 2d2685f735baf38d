import { AppError } from '../../shared/errors.ts';
import { pingDatabase } from '../db/database.ts';
import type { ServiceDeps } from './context.ts';

/** Healthy means the database answers. */
export async function checkHealth(deps: ServiceDeps): Promise<void> {
  if (!(await pingDatabase(deps.db))) {
    throw new AppError('SERVICE_UNAVAILABLE', 'the database does not answer');
  }
}
