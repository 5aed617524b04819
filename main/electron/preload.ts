// Sandboxed preload (bundled to dist/electron/preload.cjs): the renderer's only door to the core.
import { contextBridge, ipcRenderer } from 'electron';
import { createKioskBridge } from './kiosk-bridge';

contextBridge.exposeInMainWorld('kiosk', createKioskBridge(ipcRenderer));
