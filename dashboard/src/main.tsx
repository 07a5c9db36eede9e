import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './App';
// Chinese posts stay readable on machines without a CJK font: the simplified-Chinese subset of
// Noto Sans SC and the traditional-Chinese subset of Noto Sans TC (Taiwan, Hong Kong), each
// fetched by the browser only when the page has characters the fonts before it lack.
import '@fontsource/noto-sans-sc/chinese-simplified-400.css';
import '@fontsource/noto-sans-tc/chinese-traditional-400.css';
import './styles.css';

const root = document.getElementById('root');
if (!root) throw new Error('index.html has no #root element');

createRoot(root).render(
  <StrictMode>
    <App />
  </StrictMode>,
);
