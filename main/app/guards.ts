import { app, type Session, type WebContents } from 'electron';
import { isAppUrl } from './app-url';

/** DevTools' own pages load over devtools:; everything else the renderer could ask for is refused. */
const ALLOWED_REQUEST = /^(app|devtools):/;

/**
 * The window shows only our own pages: no navigation away, no new windows, no webviews. Links to the web
 * are not opened either (not even externally): a liaison workbench has no business launching a browser
 * at a URL that may have come from an untrusted indicator feed.
 */
export function guardWebContents(contents: WebContents): void {
  contents.on('will-navigate', (event, url) => {
    if (!isAppUrl(url)) event.preventDefault();
  });
  contents.on('will-frame-navigate', (event) => {
    if (!isAppUrl(event.url)) event.preventDefault();
  });
  contents.on('will-redirect', (event, url) => {
    if (!isAppUrl(url)) event.preventDefault();
  });
  contents.on('will-attach-webview', (event) => event.preventDefault());
  contents.setWindowOpenHandler(() => ({ action: 'deny' }));
}

/** No permission is ever granted (camera, notifications, clipboard read, HID, …), and nothing remote loads. */
export function guardSession(session: Session): void {
  session.setPermissionRequestHandler((_contents, _permission, callback) => callback(false));
  session.setPermissionCheckHandler(() => false);
  session.setDevicePermissionHandler(() => false);
  session.setDisplayMediaRequestHandler((_request, callback) => callback({}));
  session.webRequest.onBeforeRequest((details, callback) => callback({ cancel: !ALLOWED_REQUEST.test(details.url) }));
  session.on('will-download', (event) => event.preventDefault());
}

/** Applies the guards to every web contents the app ever creates, including ones we did not ask for. */
export function installGuards(): void {
  app.on('web-contents-created', (_event, contents) => guardWebContents(contents));
}
