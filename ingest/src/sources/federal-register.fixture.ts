import { jsonReply, startFixtureServer, tooManyRequests, type FixtureReply, type FixtureServer } from '@rift/testing/fixture-server';

/**
 * A loopback stand-in for the Federal Register API v1, from its documentation:
 * `GET /api/v1/documents.json?conditions[term]=&conditions[publication_date][gte]=&[lte]=&order=newest&per_page=&page=`
 * (pages from 1) answering `{ count, description, total_pages, next_page_url, results }`;
 * `next_page_url` is left out on the last page. Each result carries document_number, title,
 * type, abstract, html_url, publication_date, agencies [{ name, slug, ... }] and excerpts, the
 * matched passages with the term in `<span class="match">`.
 */
export interface FrDocument {
  document_number?: string;
  title?: string | null;
  type?: string;
  abstract?: string | null;
  publication_date?: string;
  agencies?: Array<Record<string, unknown>>;
  /** Searched but not served, like the real full text. */
  full_text?: string;
}

export interface FederalRegisterFixture extends FixtureServer {
  documents: FrDocument[];
}

export async function startFederalRegisterFixture(): Promise<FederalRegisterFixture> {
  const documents: FrDocument[] = [];
  const server = await startFixtureServer((url) =>
    url.pathname === '/api/v1/documents.json' ? jsonReply(200, search(documents, url)) : { status: 404, body: '{"status":404,"message":"Not Found"}' },
  );
  return Object.assign(server, { documents });
}

function search(all: FrDocument[], url: URL) {
  const term = (url.searchParams.get('conditions[term]') ?? '').toLowerCase();
  const gte = url.searchParams.get('conditions[publication_date][gte]') ?? '0000-00-00';
  const lte = url.searchParams.get('conditions[publication_date][lte]') ?? '9999-99-99';
  const perPage = Math.min(1000, Number(url.searchParams.get('per_page') ?? 20));
  const page = Number(url.searchParams.get('page') ?? 1);
  const haystack = (d: FrDocument) => `${d.title ?? ''} ${d.abstract ?? ''} ${d.full_text ?? ''}`.toLowerCase();
  const matching = all
    .filter((d) => !term || haystack(d).includes(term))
    .filter((d) => (d.publication_date ?? '') >= gte && (d.publication_date ?? '') <= lte)
    .sort((a, b) => (b.publication_date ?? '').localeCompare(a.publication_date ?? '') || (b.document_number ?? '').localeCompare(a.document_number ?? ''));
  const totalPages = Math.ceil(matching.length / perPage);
  const results = matching.slice((page - 1) * perPage, page * perPage).map((d) => served(d, term));
  const next = new URL(url);
  next.searchParams.set('page', String(page + 1));
  return {
    count: matching.length,
    description: `Documents matching '${term}'`,
    total_pages: totalPages,
    ...(page < totalPages ? { next_page_url: next.toString() } : {}),
    results,
  };
}

function served(d: FrDocument, term: string) {
  const { full_text: fullText, ...rest } = d;
  const at = (fullText ?? '').toLowerCase().indexOf(term);
  const excerpts = at >= 0 && term
    ? `&hellip; ${fullText!.slice(Math.max(0, at - 40), at)}<span class="match">${fullText!.slice(at, at + term.length)}</span>${fullText!.slice(at + term.length, at + term.length + 40)} &hellip;`
    : null;
  return {
    ...rest,
    html_url: d.document_number ? `https://www.federalregister.gov/documents/${d.publication_date}/${d.document_number}/doc` : undefined,
    pdf_url: d.document_number ? `https://www.govinfo.gov/content/pkg/FR/${d.document_number}.pdf` : undefined,
    excerpts,
  };
}

const COMMERCE = { raw_name: 'DEPARTMENT OF COMMERCE', name: 'Commerce Department', id: 54, url: 'https://www.federalregister.gov/agencies/commerce-department', json_url: 'https://www.federalregister.gov/api/v1/agencies/54', parent_id: null, slug: 'commerce-department' };
const PRESIDENT = { raw_name: 'EXECUTIVE OFFICE OF THE PRESIDENT', name: 'Executive Office of the President', id: 538, url: 'https://www.federalregister.gov/agencies/executive-office-of-the-president', json_url: 'https://www.federalregister.gov/api/v1/agencies/538', parent_id: null, slug: 'executive-office-of-the-president' };

/** A document with the documented fields; `full_text` decides whether the term matches. */
export function frDocument(number: string, day: string, title: string, abstract: string | null, fullText: string, president = false): FrDocument {
  return { document_number: number, title, type: president ? 'Presidential Document' : 'Notice', abstract, publication_date: day, agencies: [president ? PRESIDENT : COMMERCE], full_text: fullText };
}

export const replies = {
  tooMany: (retryAfterSeconds: number) => tooManyRequests(retryAfterSeconds, '{"status":429,"message":"Rate limit exceeded"}'),
  serverError: (): FixtureReply => ({ status: 503, body: '<html>Service Unavailable</html>' }),
  badRequest: (): FixtureReply => ({ status: 400, body: '{"status":400,"message":"Invalid publication_date condition"}' }),
  truncated: (): FixtureReply => ({ status: 200, headers: { 'content-type': 'application/json' }, body: '{"count":5,"total_pages":3,"results":[{"document_number":"20' }),
};
