import { apiRequest } from './api-client.ts';
import type { Office } from './api-types.ts';

/** The offices the user works in; all of the organization's for an admin. */
export function listOffices(): Promise<{ offices: Office[] }> {
  return apiRequest<{ offices: Office[] }>('GET', '/api/offices');
}
