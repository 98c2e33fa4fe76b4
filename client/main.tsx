import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './app/App.js';
import { registerServiceWorker } from './app/serviceWorker.js';
import { initTheme } from './shell/theme.js';
import './styles/tokens.css';
import './styles/base.css';
import './styles/forms.css';
import './styles/pages.css';
import './styles/live.css';
import './styles/console-layouts.css';

initTheme();
createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <App />
  </StrictMode>,
);
registerServiceWorker();
