/** The Google Classroom API client's public surface. */
export {
  CLASSROOM_RETRY_STATUSES, createClassroomClient, DEFAULT_API_URL, DEFAULT_PAGE_SIZE, DEFAULT_TIMEOUT_MS, DEFAULT_TOKEN_URL,
  type ClassroomClient, type ClassroomClientOptions, type ClassroomStats,
} from './client.js';
export {
  ClassroomError, isClassroomError, parseGoogleError, statusForHttp, type ClassroomApiStatus, type ClassroomErrorInit,
} from './errors.js';
export { ASSERTION_LIFETIME_S, JWT_BEARER_GRANT, registerPrivateKey, type AssertionClaims } from './jwt.js';
export type { Listing, PageOptions } from './paging.js';
export {
  CLASSROOM_QUOTA, createRateLimiter, unlimited, type LimiterClock, type RateLimiter, type RateLimiterStats, type RateLimitOptions,
} from './rate-limit.js';
export type { ClassroomReads, CourseListOptions, CourseWorkListOptions, SubmissionListOptions } from './reads.js';
export { ALL_SCOPES, EXPORT_SCOPES, ROSTER_IMPORT_SCOPES, SCOPES } from './scopes.js';
export type { ClassroomWrites, CoursePatch, CreateCourseInput } from './writes.js';
export type * from './types.js';
