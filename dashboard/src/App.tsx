import { useState, type ComponentType } from 'react';
import { AlertsPage } from './alerts/AlertsPage';
import { DividePage } from './divide/DividePage';
import { EmbedDividePage } from './divide/EmbedDividePage';
import { ExplorerPage } from './explore/ExplorerPage';
import { ValidatePage } from './validate/ValidatePage';
import { SavedViewsPage } from './views/SavedViewsPage';

const PAGES: Array<{ path: string; label: string; page: ComponentType }> = [
  { path: '/', label: 'The divide', page: DividePage },
  { path: '/explore', label: 'Explorer', page: ExplorerPage },
  { path: '/views', label: 'Saved views', page: SavedViewsPage },
  { path: '/validate', label: 'Samples and validation', page: ValidatePage },
  { path: '/alerts', label: 'Alerts', page: AlertsPage },
];

export function App() {
  const path = window.location.pathname.replace(/\/+$/, '') || '/';
  if (path === '/embed/divide') return <EmbedDividePage />;
  // An unknown path shows the divide, the front page.
  const Page = (PAGES.find((page) => page.path === path) ?? PAGES[0]!).page;
  // On a phone the links fold behind one button; on wider screens the button is hidden.
  const [menuOpen, setMenuOpen] = useState(false);
  return (
    <>
      <a className="skip-link" href="#main">
        Skip to content
      </a>
      <header className="site-header">
        <span className="site-name">Rift</span>
        <span className="site-tagline">public vs government, measured</span>
        <button
          type="button"
          className="site-menu-button"
          aria-expanded={menuOpen}
          aria-controls="site-nav"
          onClick={() => setMenuOpen(!menuOpen)}
        >
          Menu
        </button>
        <nav id="site-nav" className="site-nav" data-open={menuOpen} aria-label="Pages">
          {PAGES.map((page) => (
            <a key={page.path} href={page.path} aria-current={page.path === path ? 'page' : undefined}>
              {page.label}
            </a>
          ))}
        </nav>
      </header>
      <Page />
      <footer className="site-footer">
        <p>
          Rift is open source. Every number on this page comes from the public JSON API under <code>/api/</code>{' '}
          (<a href="/api/docs">its documentation</a>).
        </p>
      </footer>
    </>
  );
}
