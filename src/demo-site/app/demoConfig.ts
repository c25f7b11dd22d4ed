/** Injected by the demo-site server through esbuild `define` (see bundleDemoApp.ts). */
declare const __DEMO_CONFIG__: DemoConfig;

export interface DemoConfig {
  /** The project API posthog-js sends to, e.g. http://127.0.0.1:8010 */
  apiHost: string;
  /** The project's public token, `phc_…` */
  projectToken: string;
}

export const demoConfig: DemoConfig = __DEMO_CONFIG__;
