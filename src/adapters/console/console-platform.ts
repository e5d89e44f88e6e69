import type { PlatformModule } from '../platform-module.ts';
import { createConsoleAdapter } from './console-adapter.ts';

/** The local console (the REPL of `kaiheisen start`): the platform when no other is configured, or with --console. */
export const consolePlatform: PlatformModule = {
  id: 'console',
  configured: () => false,
  receivesOverHttp: () => false,
  build: async ({ consoleSink }) => createConsoleAdapter({ sink: consoleSink }),
};
