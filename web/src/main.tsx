import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import './styles/mantine';
import './styles/fonts.css';
import './styles/global.css';
import { App } from './app';
import { applyDocumentLang, readStoredLang } from './i18n/language';

// Set the language before the first paint so assistive technology reads the right voice.
applyDocumentLang(readStoredLang());

const root = document.getElementById('root');
if (!root) throw new Error('#root is missing from index.html');
createRoot(root).render(
  <StrictMode>
    <App />
  </StrictMode>,
);
