import { DividePage } from './divide/DividePage';

export function App() {
  return (
    <>
      <a className="skip-link" href="#main">
        Skip to content
      </a>
      <header className="site-header">
        <span className="site-name">Rift</span>
        <span className="site-tagline">public vs government, measured</span>
      </header>
      <DividePage />
      <footer className="site-footer">
        <p>
          Rift is open source. Every number on this page comes from the public JSON API under <code>/api/</code>.
        </p>
      </footer>
    </>
  );
}
