export { WorkbenchSession, type SessionEvent, type SessionOptions, type SessionState, type LockReason, type StartImport } from './workbench-session';
export { startIdleTimer, systemTimers, type IdleTimer, type Timers } from './idle-timer';
export type { GrantedFile } from './file-grants';
