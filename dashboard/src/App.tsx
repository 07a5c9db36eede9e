import { DividePage } from './divide/DividePage';
import { EmbedDividePage } from './divide/EmbedDividePage';
import { ExplorerPage } from './explore/ExplorerPage';

const PAGES = [
  { path: '/', label: 'The divide' },
  { path: '/explore', label: 'Explorer' },
];

export function App() {
  const path = window.location.pathname.replace(/\/+$/, '') || '/';
  if (path === '/embed/divide') return <EmbedDividePage />;
  return (
    <>
      <a className="skip-link" href="#main">
        Skip to content
      </a>
      <header className="site-header">
        <span className="site-name">Rift</span>
        <span className="site-tagline">public vs government, measured</span>
        <nav className="site-nav" aria-label="Pages">
          {PAGES.map((page) => (
            <a key={page.path} href={page.path} aria-current={page.path === path ? 'page' : undefined}>
              {page.label}
            </a>
          ))}
        </nav>
      </header>
      {path === '/explore' ? <ExplorerPage /> : <DividePage />}
      <footer className="site-footer">
        <p>
          Rift is open source. Every number on this page comes from the public JSON API under <code>/api/</code>{' '}
          (<a href="/api/docs">its documentation</a>).
        </p>
      </footer>
    </>
  );
}
