import './common/app.css';
import './Popover/popover.css';
import './Popover/suggestions.css';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { Popover } from './Popover/Popover';

const root = document.getElementById('root');
if (root === null) throw new Error('index.html has no #root element');

createRoot(root).render(
  <StrictMode>
    <Popover />
  </StrictMode>,
);
