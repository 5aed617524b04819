// Replaced at build time by tsup/vite `define`; under vitest/tsx read from package.json.
declare const __APP_VERSION__: string | undefined;
export const APP_VERSION: string = typeof __APP_VERSION__ === 'string' ? __APP_VERSION__ : '0.1.0-dev';
