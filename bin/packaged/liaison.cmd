@echo off
rem `liaison` for an installed Liaison Workbench on Windows: electron-builder.yml ships it beside
rem "Liaison Workbench.exe". The app has no separate Node and its runAsNode fuse stays off, so this starts the
rem app itself in CLI mode (main/app/cli-mode.ts). A batch file waits for the app (a GUI program typed at the
rem prompt would not be waited for) and hands back its exit code; Electron attaches the app to this console
rem so its output appears here, unless ELECTRON_NO_ATTACH_CONSOLE is set, which is cleared for it.
setlocal
set "ELECTRON_NO_ATTACH_CONSOLE="
"%~dp0Liaison Workbench.exe" --liaison-cli --disable-gpu -- %*
exit /b %ERRORLEVEL%
