// Synthetic shadow first: Lightning Experience renders components with it, so the preview does too.
import '@lwc/synthetic-shadow';
import { createElement } from 'lwc';
import InsightsConsole from 'c/insightsConsole';
// Registers the sample answers of the Apex methods before any component asks for them.
import 'preview/sampleAnswers';

const root = document.getElementById('root');
if (!root) {
  throw new Error('index.html has no #root element');
}
// The component the Insights Sync tab shows in an org.
root.appendChild(createElement('c-insights-console', { is: InsightsConsole }));
