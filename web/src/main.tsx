import { render } from 'preact';
import { App } from './app';
import { startI18n } from './i18n';
import { pruneDrafts } from './lib/drafts';
import './styles.css';

pruneDrafts();
await startI18n();
render(<App />, document.getElementById('root')!);
