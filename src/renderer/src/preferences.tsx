import './zodJitless';
import './common/app.css';
import './Preferences/preferences.css';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { Preferences } from './Preferences/Preferences';

const root = document.getElementById('root');
if (root === null) throw new Error('preferences.html has no #root element');

createRoot(root).render(
  <StrictMode>
    <Preferences />
  </StrictMode>,
);
