/** The OneRoster client's public surface. */
export {
  createOneRosterClient, DEFAULT_CONCURRENCY, DEFAULT_PAGE_SIZE, DEFAULT_TIMEOUT_MS, ONEROSTER_RETRY_STATUSES,
  type OneRosterClient, type OneRosterClientOptions, type OneRosterStats,
} from './client.js';
export { and, filter, or, quoteValue, type Filter, type FilterOp } from './filter.js';
export { JsonBody, type DeleteOptions, type GradebookOperations } from './gradebook.js';
export type { ListOptions } from './paging.js';
export type { RosteringReads, TeacherListOptions } from './rostering.js';
export { scopeFor, scopePrefix, scopesFor, type OperationKind, type ScopeMode } from './scopes.js';
export { oauth1Sign, type OAuth1Algorithm } from './oauth1.js';
export type * from './types.js';
