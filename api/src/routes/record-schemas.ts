import { errorBodySchema } from '../errors.ts';

/** Errors of the routes that read and write stored records by id (alert rules, saved views). */
export const recordErrors = { 400: errorBodySchema, 401: errorBodySchema, 403: errorBodySchema, 404: errorBodySchema, 503: errorBodySchema };

// Record ids are UUIDs: a malformed id is a bad request (400), a well-formed unknown one a 404.
export const UUID_PATTERN = '^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$';
export const uuidIdParams = { type: 'object', required: ['id'], properties: { id: { type: 'string', pattern: UUID_PATTERN } } } as const;
