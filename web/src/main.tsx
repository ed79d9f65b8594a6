import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import './styles/mantine';
import './styles/fonts.css';
import './styles/global.css';
import { createQueryClient } from './api/query-client';
import { App } from './app';
import { startRoute } from './router';
import { applyDocumentLang, loadMessages, readStoredLang } from './i18n/language';

// Set the language before the first paint so assistive technology reads the right voice.
const lang = readStoredLang();
applyDocumentLang(lang);

// The page's file and data are requested now, beside the first render rather than after it.
const queryClient = createQueryClient();
startRoute(queryClient, window.location.pathname, window.location.search);

const root = document.getElementById('root');
if (!root) throw new Error('#root is missing from index.html');
const render = () =>
  createRoot(root).render(
    <StrictMode>
      <App queryClient={queryClient} />
    </StrictMode>,
  );
// English texts are their own file: wait for them if English was chosen earlier (Vietnamese if they fail).
if (lang === 'vi') render();
else void loadMessages(lang).then(render, render);
