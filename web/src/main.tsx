import { render } from 'preact';
import { App } from './app';
import { startI18n } from './i18n';
import { pruneDrafts } from './lib/drafts';
import { streamState } from './lib/events';
import './styles.css';

pruneDrafts();
// The page's event stream, for a look from the console (and for the browser tests).
(window as unknown as { dragomanStream: typeof streamState }).dragomanStream = streamState;
await startI18n();
render(<App />, document.getElementById('root')!);
