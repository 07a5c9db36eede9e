import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { apiDocument, DOCUMENT_FILE, documentText, TYPES_FILE, typesText } from '../../scripts/generate-api-types.ts';

// The dashboard's API types are generated from the API's OpenAPI document and checked in; a
// route schema changed without regenerating them (npm run -w @rift/dashboard generate:api-types)
// fails here instead of drifting.
describe('the checked-in API types', () => {
  it('are what the current OpenAPI document generates', async () => {
    const doc = await apiDocument();
    expect(readFileSync(DOCUMENT_FILE, 'utf8'), 'dashboard/src/api/openapi.json is stale: npm run -w @rift/dashboard generate:api-types').toBe(documentText(doc));
    expect(readFileSync(TYPES_FILE, 'utf8'), 'dashboard/src/api/openapi.d.ts is stale: npm run -w @rift/dashboard generate:api-types').toBe(await typesText(doc));
  });
});
