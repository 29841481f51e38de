import type { BrowserContext, ConsoleMessage, Page, Worker } from '@playwright/test';

/** What Chromium prints when the policy blocks something, in a page or a worker. */
const blockedMessage = /Content[- ]Security[- ]Policy|Refused to (load|execute|evaluate|apply|connect|compile|create|frame|instantiate)/i;
/** What the script below prints for every `securitypolicyviolation` event of a page. */
const eventPrefix = '[csp-violation]';

/**
 * Records every Content-Security-Policy violation of a browser context: the `securitypolicyviolation`
 * events of its pages and the "Refused to …" errors Chromium logs for pages, dedicated workers (the
 * SQLite worker) and service workers. The server's own reports (see `cspReportsIn`) cover what a
 * context opened outside these fixtures does.
 */
export function recordCspViolations(context: BrowserContext): { violations: string[]; ready: Promise<void> } {
  const violations: string[] = [];
  const onConsole = (where: string) => (message: ConsoleMessage) => {
    const text = message.text();
    if (text.startsWith(eventPrefix) || (message.type() === 'error' && blockedMessage.test(text))) {
      violations.push(`${where}: ${text}`);
    }
  };
  const watchWorker = (kind: string) => (worker: Worker) => worker.on('console', onConsole(`${kind} ${worker.url()}`));
  const watchPage = (page: Page) => {
    page.on('console', (message) => onConsole(`page ${page.url()}`)(message));
    page.on('worker', watchWorker('worker'));
  };
  context.pages().forEach(watchPage);
  context.on('page', watchPage);
  context.serviceWorkers().forEach(watchWorker('service worker'));
  context.on('serviceworker', watchWorker('service worker'));
  const ready = context.addInitScript((prefix: string) => {
    document.addEventListener('securitypolicyviolation', (e) => {
      console.error(`${prefix} ${e.effectiveDirective} blocked ${e.blockedURI || '(inline)'} in ${e.sourceFile || e.documentURI}:${e.lineNumber}`);
    });
  }, eventPrefix).then(() => undefined);
  return { violations, ready };
}

/** The violation reports browsers sent to the server (`report-uri` of the policy), from its log. */
export function cspReportsIn(serverLog: string): string[] {
  return serverLog.split('\n').filter((line) => line.includes('"msg":"content security policy violation"'));
}
